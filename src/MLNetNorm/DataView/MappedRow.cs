using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.DataView;

/// <summary>A single row (for prediction engines) that adds a <see cref="ColumnMapper"/>'s columns to an input row.</summary>
internal sealed class MappedRow(DataViewRow input, ColumnMapper mapper, DataViewSchema schema, bool[] activeOutputs) : DataViewRow
{
    private readonly MappedColumns _columns = new(input, mapper, activeOutputs);

    /// <inheritdoc/>
    public override DataViewSchema Schema => schema;

    /// <inheritdoc/>
    public override long Position => input.Position;

    /// <inheritdoc/>
    public override long Batch => input.Batch;

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => _columns.IsActive(column);

    /// <inheritdoc/>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _columns.GetGetter<TValue>(column);
}
