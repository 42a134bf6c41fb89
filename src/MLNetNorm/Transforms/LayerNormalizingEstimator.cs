using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.DataView;
using MLNetNorm.Normalization;

namespace MLNetNorm.Transforms;

/// <summary>
/// Estimator for <see cref="LayerNormalizingTransformer"/>: normalizes a known-size <see cref="float"/> vector column row by
/// row with LayerNorm or RMSNorm. Create it with
/// <see cref="LayerNormalizationCatalog.NormalizeLayer(TransformsCatalog, string, string?, NormKind, float, float[], float[])"/>.
/// </summary>
/// <remarks>
/// Like ML.NET's <c>NormalizeGlobalContrast</c>, each row is normalized with its own statistics, so <see cref="Fit"/>
/// learns nothing from the data: it checks the input column and fixes the vector size that the optional scale (γ) and
/// offset (β) must match.
/// </remarks>
public sealed class LayerNormalizingEstimator : IEstimator<LayerNormalizingTransformer>
{
    /// <summary>ML.NET's annotation kind for feature names.</summary>
    internal const string SlotNamesKind = "SlotNames";

    /// <summary>ML.NET's annotation kind marking normalized columns.</summary>
    internal const string IsNormalizedKind = "IsNormalized";

    private readonly LayerNormalizingTransformer.Settings _settings;

    internal LayerNormalizingEstimator(LayerNormalizingTransformer.Settings settings)
    {
        _settings = settings;
    }

    /// <summary>Checks the input column and creates the transformer.</summary>
    /// <param name="input">Data whose schema has the input column; no rows are read.</param>
    /// <returns>The fitted transformer.</returns>
    public LayerNormalizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var size = LayerNormalizingTransformer.CheckInputColumn(input.Schema, _settings.InputColumnName);
        return new LayerNormalizingTransformer(_settings, size);
    }

    /// <summary>Returns the schema shape after the transform, checking the input column's shape.</summary>
    /// <param name="inputSchema">The shape of the input.</param>
    /// <returns>The input shape plus the output column, a known-size <see cref="float"/> vector.</returns>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var name = _settings.InputColumnName;
        var column = SchemaShapes.Find(inputSchema, name)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{name}' was not found in the schema.");

        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Input column '{name}' must be a known-size vector of Single (float), but it is {DescribeShape(column)}.");
        }

        // Feature names carry over, and the column is marked normalized, as with ML.NET's own normalizers.
        var annotations = column.Annotations.Where(a => a.Name == SlotNamesKind)
            .Append(SchemaShapes.Scalar(IsNormalizedKind, BooleanDataViewType.Instance));
        return SchemaShapes.WithColumns(inputSchema, SchemaShapes.Vector(_settings.OutputColumnName, NumberDataViewType.Single, new SchemaShape(annotations)));
    }

    private static string DescribeShape(SchemaShape.Column column) => column.Kind switch
    {
        SchemaShape.Column.VectorKind.Scalar => $"a scalar {column.ItemType}",
        SchemaShape.Column.VectorKind.VariableVector => $"a variable-size vector of {column.ItemType}",
        _ => $"a vector of {column.ItemType}",
    };
}
