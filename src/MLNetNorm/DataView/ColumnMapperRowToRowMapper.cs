using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.DataView;

/// <summary>Exposes a <see cref="ColumnMapper"/> as the <see cref="IRowToRowMapper"/> that prediction engines use.</summary>
internal sealed class ColumnMapperRowToRowMapper : IRowToRowMapper
{
    private readonly ColumnMapper _mapper;

    /// <summary>Wraps <paramref name="mapper"/>.</summary>
    public ColumnMapperRowToRowMapper(ColumnMapper mapper)
    {
        _mapper = mapper;
        OutputSchema = mapper.BuildOutputSchema();
    }

    /// <inheritdoc/>
    public DataViewSchema InputSchema => _mapper.InputSchema;

    /// <inheritdoc/>
    public DataViewSchema OutputSchema { get; }

    /// <inheritdoc/>
    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        MappedDataView.ResolveActiveColumns(_mapper, OutputSchema, dependingColumns).InputColumns;

    /// <inheritdoc/>
    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        var (_, activeOutputs) = MappedDataView.ResolveActiveColumns(_mapper, OutputSchema, activeColumns);
        return new MappedRow(input, _mapper, OutputSchema, activeOutputs);
    }
}
