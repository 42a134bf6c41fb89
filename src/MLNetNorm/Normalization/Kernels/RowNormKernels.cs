using System.Numerics.Tensors;

namespace MLNetNorm.Normalization.Kernels;

/// <summary>
/// Managed SIMD kernels that normalize one row held in managed or tensor memory. They are the fast path for the ML.NET
/// transform (no per-row trip into native code) and the reference the autograd kernels are checked against.
/// </summary>
/// <remarks>
/// Statistics are two-pass (mean first, then the mean of squared deviations) so that rows with a large common offset
/// keep their precision; a constant row has variance exactly 0 and normalizes to β.
/// </remarks>
internal static class RowNormKernels
{
    /// <summary>Layer-normalizes <paramref name="x"/> into <paramref name="y"/>: <c>(x - mean) / sqrt(var + eps) · γ + β</c>.</summary>
    /// <param name="x">The input row.</param>
    /// <param name="y">The output row, of the same length; may not overlap <paramref name="x"/> unless it is the same span.</param>
    /// <param name="gamma">The scale γ, of the row's length, or empty for none.</param>
    /// <param name="beta">The shift β, of the row's length, or empty for none.</param>
    /// <param name="epsilon">ε added to the variance.</param>
    /// <returns>False when the row holds a NaN or infinity, or values so large that their statistics overflow; <paramref name="y"/> is then unspecified.</returns>
    public static bool LayerNorm(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float epsilon)
    {
        var n = x.Length;
        var mean = TensorPrimitives.Sum(x) / n;
        TensorPrimitives.Subtract(x, mean, y);
        var variance = TensorPrimitives.SumOfSquares(y) / n;
        if (!float.IsFinite(variance))
        {
            return false;
        }

        var inverseStd = 1f / MathF.Sqrt(variance + epsilon);
        ScaleAndShift(y, inverseStd, gamma, beta, y);
        return true;
    }

    /// <summary>RMS-normalizes <paramref name="x"/> into <paramref name="y"/>: <c>x / sqrt(mean(x²) + eps) · γ</c>.</summary>
    /// <param name="x">The input row.</param>
    /// <param name="y">The output row, of the same length.</param>
    /// <param name="gamma">The scale γ, of the row's length, or empty for none.</param>
    /// <param name="epsilon">ε added to the mean square.</param>
    /// <returns>False when the row holds a NaN or infinity, or values so large that their mean square overflows.</returns>
    public static bool RmsNorm(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> gamma, float epsilon)
    {
        var meanSquare = TensorPrimitives.SumOfSquares(x) / x.Length;
        if (!float.IsFinite(meanSquare))
        {
            return false;
        }

        var inverseRms = 1f / MathF.Sqrt(meanSquare + epsilon);
        ScaleAndShift(x, inverseRms, gamma, [], y);
        return true;
    }

    /// <summary>Writes <c>source · scale · γ + β</c> into <paramref name="y"/>, skipping γ or β when empty.</summary>
    private static void ScaleAndShift(ReadOnlySpan<float> source, float scale, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y)
    {
        TensorPrimitives.Multiply(source, scale, y);
        if (!gamma.IsEmpty && !beta.IsEmpty)
        {
            TensorPrimitives.FusedMultiplyAdd(y, gamma, beta, y);
        }
        else if (!gamma.IsEmpty)
        {
            TensorPrimitives.Multiply(y, gamma, y);
        }
        else if (!beta.IsEmpty)
        {
            TensorPrimitives.Add(y, beta, y);
        }
    }
}
