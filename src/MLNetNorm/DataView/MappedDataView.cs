using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.DataView;

/// <summary>The lazy result of a transformer's <c>Transform</c>: the input data view plus a <see cref="ColumnMapper"/>'s columns.</summary>
internal sealed class MappedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ColumnMapper _mapper;

    /// <summary>Creates a view of <paramref name="input"/> with <paramref name="mapper"/>'s columns added.</summary>
    public MappedDataView(IDataView input, ColumnMapper mapper)
    {
        _input = input;
        _mapper = mapper;
        Schema = mapper.BuildOutputSchema();
    }

    /// <inheritdoc/>
    public bool CanShuffle => _input.CanShuffle;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => _input.GetRowCount();

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var (inputColumns, activeOutputs) = ResolveActiveColumns(_mapper, Schema, columnsNeeded);
        return new MappedRowCursor(_input.GetRowCursor(inputColumns, rand), _mapper, Schema, activeOutputs);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>
    /// Splits the requested columns of an output schema into the input columns to activate (requested input columns
    /// plus the dependencies of requested outputs) and a flag per mapper output.
    /// </summary>
    internal static (List<DataViewSchema.Column> InputColumns, bool[] ActiveOutputs) ResolveActiveColumns(
        ColumnMapper mapper, DataViewSchema outputSchema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        var inputCount = mapper.InputSchema.Count;
        var activeOutputs = new bool[mapper.OutputColumns.Count];
        var inputIndices = new SortedSet<int>();
        foreach (var column in columnsNeeded)
        {
            if (column.Index >= outputSchema.Count || outputSchema[column.Index].Name != column.Name)
            {
                throw new ArgumentException($"Column '{column.Name}' does not belong to this data view's schema.", nameof(columnsNeeded));
            }

            if (column.Index < inputCount)
            {
                inputIndices.Add(column.Index);
            }
            else
            {
                activeOutputs[column.Index - inputCount] = true;
            }
        }

        foreach (var dependency in mapper.GetDependencies(i => activeOutputs[i]))
        {
            inputIndices.Add(dependency.Index);
        }

        return (inputIndices.Select(i => mapper.InputSchema[i]).ToList(), activeOutputs);
    }
}
