using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Transforms;

namespace MLNetNorm.Cli.Benchmarks;

/// <summary>
/// Row throughput of the ML.NET <c>NormalizeLayer</c> transform against ML.NET's own <c>NormalizeGlobalContrast</c>
/// (the same centering and scaling to unit standard deviation, without γ and β) on in-memory rows.
/// </summary>
internal sealed class TransformWorkload
{
    private readonly IDataView _layerNormed;
    private readonly IDataView _contrastNormed;

    /// <summary>Creates <paramref name="rows"/> random rows of <paramref name="features"/> floats and fits both transforms.</summary>
    public TransformWorkload(int rows = 20_000, int features = 512)
    {
        var mlContext = new MLContext(1);
        var random = new Random(1);
        var data = Enumerable.Range(0, rows)
            .Select(_ => new Row { Features = Enumerable.Range(0, features).Select(_ => (float)random.NextDouble()).ToArray() })
            .ToList();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        var view = mlContext.Data.LoadFromEnumerable(data, schema);
        Rows = rows;
        _layerNormed = mlContext.Transforms.NormalizeLayer("Normalized", "Features").Fit(view).Transform(view);
        _contrastNormed = mlContext.Transforms.NormalizeGlobalContrast("Normalized", "Features", ensureZeroMean: true, ensureUnitStandardDeviation: true)
            .Fit(view).Transform(view);
    }

    /// <summary>Gets the number of rows one pass reads.</summary>
    public int Rows { get; }

    /// <summary>Reads every row of the <c>NormalizeLayer</c> output.</summary>
    public void LayerNormPass() => ReadAll(_layerNormed);

    /// <summary>Reads every row of the <c>NormalizeGlobalContrast</c> output.</summary>
    public void GlobalContrastPass() => ReadAll(_contrastNormed);

    private static void ReadAll(IDataView view)
    {
        var column = view.Schema["Normalized"];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var value = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref value);
        }
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
