using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.DataView;

/// <summary>
/// What a row-to-row transformer adds to each row: output columns computed from input columns of the same row.
/// </summary>
/// <remarks>
/// ML.NET's own bases for such transformers (<c>RowToRowTransformerBase</c>, <c>OneToOneTransformerBase</c>) cannot be
/// derived from outside ML.NET, so the library's transformers describe their columns here and
/// <see cref="MappedDataView"/>, <see cref="MappedRowCursor"/> and <see cref="ColumnMapperRowToRowMapper"/> do the ML.NET
/// plumbing once: lazy cursors, column activity, and prediction engines.
/// </remarks>
internal abstract class ColumnMapper
{
    /// <summary>Creates a mapper over <paramref name="inputSchema"/>.</summary>
    protected ColumnMapper(DataViewSchema inputSchema)
    {
        InputSchema = inputSchema;
    }

    /// <summary>Gets the schema of the rows this mapper reads.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>Gets the columns this mapper adds, in order; a name already in the input hides the input column.</summary>
    public abstract IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    /// <summary>Gets the input columns needed to compute the output columns selected by <paramref name="isOutputActive"/>.</summary>
    /// <param name="isOutputActive">Whether the output column at an index of <see cref="OutputColumns"/> is requested.</param>
    public abstract IEnumerable<DataViewSchema.Column> GetDependencies(Func<int, bool> isOutputActive);

    /// <summary>
    /// Creates the getters of the active output columns for one cursor or row. Each call gets its own buffers, so
    /// getters of different cursors may run on different threads.
    /// </summary>
    /// <param name="input">The input row; only the dependencies of the active outputs are active.</param>
    /// <param name="isOutputActive">Whether the output column at an index of <see cref="OutputColumns"/> is requested.</param>
    /// <returns>One getter per output column (<see cref="ValueGetter{TValue}"/> of the column's type), null when inactive.</returns>
    public abstract Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive);

    /// <summary>Builds the output schema: the input columns followed by <see cref="OutputColumns"/>.</summary>
    public DataViewSchema BuildOutputSchema()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(InputSchema);
        foreach (var column in OutputColumns)
        {
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        }

        return builder.ToSchema();
    }
}
