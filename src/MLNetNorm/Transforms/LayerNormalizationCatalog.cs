using Microsoft.ML;
using MLNetNorm.Normalization;

namespace MLNetNorm.Transforms;

/// <summary>Extension methods that add layer normalization to <c>mlContext.Transforms</c>.</summary>
public static class LayerNormalizationCatalog
{
    /// <summary>
    /// Creates a <see cref="LayerNormalizingEstimator"/>, which normalizes each row of a known-size float vector column
    /// with LayerNorm (<c>(x - mean) / sqrt(var + ε) · γ + β</c>) or RMSNorm (<c>x / sqrt(mean(x²) + ε) · γ</c>).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Name of the output column, a float vector of the input's size.</param>
    /// <param name="inputColumnName">Name of the input column; <paramref name="outputColumnName"/> when null.</param>
    /// <param name="kind"><see cref="NormKind.LayerNorm"/>, <see cref="NormKind.RmsNorm"/>, or <see cref="NormKind.None"/> (a copy, for ablations; takes no scale or offset).</param>
    /// <param name="epsilon">Added to the variance or mean square for numerical stability.</param>
    /// <param name="scale">Per-feature scale γ (for example a trained module's weights); none (γ = 1) when null.</param>
    /// <param name="offset">Per-feature offset β, for LayerNorm only; none (β = 0) when null.</param>
    /// <returns>The estimator.</returns>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.Concatenate("Features", "A", "B", "C")
    ///     .Append(mlContext.Transforms.NormalizeLayer("Features"))
    ///     .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression());
    /// </code>
    /// </example>
    public static LayerNormalizingEstimator NormalizeLayer(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        NormKind kind = NormKind.LayerNorm, float epsilon = (float)Normalizations.DefaultEpsilon, float[]? scale = null, float[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        Normalizations.ValidateEpsilon(epsilon);
        LayerNormalizingTransformer.CheckOptions(kind, scale, offset);
        var settings = new LayerNormalizingTransformer.Settings(
            outputColumnName, inputColumnName ?? outputColumnName, kind, epsilon, (float[]?)scale?.Clone(), (float[]?)offset?.Clone());
        return new LayerNormalizingEstimator(settings);
    }
}
