using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.DataView;

/// <summary>
/// The columns of a mapped row or cursor: the input row's columns first, then a <see cref="ColumnMapper"/>'s outputs.
/// Shared by <see cref="MappedRow"/> and <see cref="MappedRowCursor"/>.
/// </summary>
internal sealed class MappedColumns
{
    private readonly DataViewRow _input;
    private readonly Delegate?[] _getters;
    private readonly int _inputColumnCount;

    /// <summary>Creates the getters of the active outputs over <paramref name="input"/>.</summary>
    public MappedColumns(DataViewRow input, ColumnMapper mapper, bool[] activeOutputs)
    {
        _input = input;
        _inputColumnCount = mapper.InputSchema.Count;
        _getters = mapper.CreateGetters(input, i => activeOutputs[i]);
    }

    /// <summary>Whether <paramref name="column"/> can be read.</summary>
    public bool IsActive(DataViewSchema.Column column) =>
        column.Index < _inputColumnCount ? _input.IsColumnActive(_input.Schema[column.Index]) : _getters[column.Index - _inputColumnCount] is not null;

    /// <summary>Resolves a getter: an input column's from the input row, an output column's from the mapper.</summary>
    public ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index < _inputColumnCount)
        {
            return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        }

        var getter = _getters[column.Index - _inputColumnCount]
            ?? throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when creating the cursor.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, which is not read as {typeof(TValue).Name}.");
    }
}
