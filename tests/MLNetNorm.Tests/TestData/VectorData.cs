using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.Tests.TestData;

/// <summary>Generated rows with a float vector column, for transform tests.</summary>
internal static class VectorData
{
    public sealed class Row
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    /// <summary>Random rows whose scale and offset vary per row, as activations do.</summary>
    public static float[][] RandomRows(int rows, int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows).Select(_ =>
        {
            var gain = (float)Math.Pow(10, random.NextDouble() * 2 - 1);
            var offset = (float)(random.NextDouble() * 4 - 2);
            return Enumerable.Range(0, size).Select(_ => gain * (float)(random.NextDouble() * 2 - 1) + offset).ToArray();
        }).ToArray();
    }

    public static IDataView Load(MLContext mlContext, float[][] rows, bool[]? labels = null)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rows[0].Length);
        return mlContext.Data.LoadFromEnumerable(rows.Select((r, i) => new Row { Features = r, Label = labels?[i] ?? (i % 2 == 0) }).ToList(), schema);
    }

    public static float[][] ReadVectors(IDataView data, string column) =>
        data.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToArray();
}
