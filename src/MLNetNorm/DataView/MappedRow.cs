using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.DataView;

/// <summary>A single row (for prediction engines) that adds a <see cref="ColumnMapper"/>'s columns to an input row.</summary>
internal sealed class MappedRow : DataViewRow
{
    private readonly DataViewRow _input;
    private readonly Delegate?[] _getters;
    private readonly int _inputColumnCount;

    /// <summary>Creates a row whose output schema is <paramref name="schema"/>.</summary>
    public MappedRow(DataViewRow input, ColumnMapper mapper, DataViewSchema schema, bool[] activeOutputs)
    {
        _input = input;
        Schema = schema;
        _inputColumnCount = mapper.InputSchema.Count;
        _getters = mapper.CreateGetters(input, i => activeOutputs[i]);
    }

    /// <inheritdoc/>
    public override DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public override long Position => _input.Position;

    /// <inheritdoc/>
    public override long Batch => _input.Batch;

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < _inputColumnCount ? _input.IsColumnActive(_input.Schema[column.Index]) : _getters[column.Index - _inputColumnCount] is not null;

    /// <inheritdoc/>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        GetGetter<TValue>(_input, _getters, _inputColumnCount, column);

    /// <summary>Resolves a getter: an input column's from the input row, an output column's from the mapper.</summary>
    internal static ValueGetter<TValue> GetGetter<TValue>(DataViewRow input, Delegate?[] getters, int inputColumnCount, DataViewSchema.Column column)
    {
        if (column.Index < inputColumnCount)
        {
            return input.GetGetter<TValue>(input.Schema[column.Index]);
        }

        var getter = getters[column.Index - inputColumnCount]
            ?? throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when creating the cursor.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, which is not read as {typeof(TValue).Name}.");
    }
}
