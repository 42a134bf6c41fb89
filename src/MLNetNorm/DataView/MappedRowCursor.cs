using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.DataView;

/// <summary>A cursor over an input cursor that adds a <see cref="ColumnMapper"/>'s columns.</summary>
internal sealed class MappedRowCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly Delegate?[] _getters;
    private readonly int _inputColumnCount;

    /// <summary>Creates a cursor whose output schema is <paramref name="schema"/>.</summary>
    public MappedRowCursor(DataViewRowCursor input, ColumnMapper mapper, DataViewSchema schema, bool[] activeOutputs)
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
        MappedRow.GetGetter<TValue>(_input, _getters, _inputColumnCount, column);

    /// <inheritdoc/>
    public override bool MoveNext() => _input.MoveNext();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
