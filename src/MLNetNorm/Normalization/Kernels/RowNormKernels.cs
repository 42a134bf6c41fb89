using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNetNorm.Normalization.Kernels;

/// <summary>
/// Managed SIMD kernels that normalize one row: the fast path of the ML.NET transform, which works on rows of managed
/// memory where a per-row trip into native code would cost more than the arithmetic.
/// </summary>
/// <remarks>
/// Each kernel makes its passes over a row that stays in L1 and writes the output once. Statistics use the corrected
/// two-pass algorithm: a first mean estimate m, then the sums of d = x − m and of d², from which the mean m + Σd/n and the
/// variance (Σd² − (Σd)²/n)/n follow. Rows with a large common offset keep their precision, and a constant row gets
/// its exact mean and zero variance, so it normalizes to β as with libtorch's kernel. Every method is <see cref="MethodImplOptions.AggressiveOptimization"/>:
/// helpers with loops are not inlined, and at tier 0 their vector code runs several times slower until tiering catches up.
/// </remarks>
internal static class RowNormKernels
{
    /// <summary>Layer-normalizes <paramref name="x"/> into <paramref name="y"/>: <c>(x - mean) / sqrt(var + eps) · γ + β</c>.</summary>
    /// <param name="x">The input row.</param>
    /// <param name="y">The output row, of the same length; it may be <paramref name="x"/> itself.</param>
    /// <param name="gamma">The scale γ, of the row's length, or empty for none.</param>
    /// <param name="beta">The shift β, of the row's length, or empty for none.</param>
    /// <param name="epsilon">ε added to the variance.</param>
    /// <returns>False when the row holds a NaN or infinity, or values so large that their statistics overflow; <paramref name="y"/> is then unspecified.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool LayerNorm(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float epsilon)
    {
        var n = x.Length;
        var estimate = Sum(x) / n;
        var (sum, squares) = Deviations(x, estimate);
        var variance = MathF.Max(0f, (squares - sum * sum / n) / n);
        if (!float.IsFinite(variance) || !float.IsFinite(estimate))
        {
            return false;
        }

        Normalize(x, y, estimate + sum / n, 1f / MathF.Sqrt(variance + epsilon), gamma, beta);
        return true;
    }

    /// <summary>RMS-normalizes <paramref name="x"/> into <paramref name="y"/>: <c>x / sqrt(mean(x²) + eps) · γ</c>.</summary>
    /// <param name="x">The input row.</param>
    /// <param name="y">The output row, of the same length; it may be <paramref name="x"/> itself.</param>
    /// <param name="gamma">The scale γ, of the row's length, or empty for none.</param>
    /// <param name="epsilon">ε added to the mean square.</param>
    /// <returns>False when the row holds a NaN or infinity, or values so large that their mean square overflows.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool RmsNorm(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> gamma, float epsilon)
    {
        var meanSquare = Deviations(x, 0f).Squares / x.Length;
        if (!float.IsFinite(meanSquare))
        {
            return false;
        }

        Normalize(x, y, 0f, 1f / MathF.Sqrt(meanSquare + epsilon), gamma, []);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Sum(ReadOnlySpan<float> x)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        var (n, width) = (x.Length, Vector<float>.Count);
        Vector<float> s0 = Vector<float>.Zero, s1 = s0;
        var i = 0;
        for (; i <= n - 2 * width; i += 2 * width)
        {
            s0 += Vector.LoadUnsafe(ref xr, (nuint)i);
            s1 += Vector.LoadUnsafe(ref xr, (nuint)(i + width));
        }

        for (; i <= n - width; i += width)
        {
            s0 += Vector.LoadUnsafe(ref xr, (nuint)i);
        }

        var sum = Vector.Sum(s0 + s1);
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref xr, i);
        }

        return sum;
    }

    /// <summary>Returns Σ(x − center) and Σ(x − center)².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float Sum, float Squares) Deviations(ReadOnlySpan<float> x, float center)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        var (n, width) = (x.Length, Vector<float>.Count);
        var c = new Vector<float>(center);
        Vector<float> s0 = Vector<float>.Zero, s1 = s0, q0 = s0, q1 = s0;
        var i = 0;
        for (; i <= n - 2 * width; i += 2 * width)
        {
            var d0 = Vector.LoadUnsafe(ref xr, (nuint)i) - c;
            var d1 = Vector.LoadUnsafe(ref xr, (nuint)(i + width)) - c;
            s0 += d0;
            s1 += d1;
            q0 += d0 * d0;
            q1 += d1 * d1;
        }

        for (; i <= n - width; i += width)
        {
            var d = Vector.LoadUnsafe(ref xr, (nuint)i) - c;
            s0 += d;
            q0 += d * d;
        }

        var (sum, squares) = (Vector.Sum(s0 + s1), Vector.Sum(q0 + q1));
        for (; i < n; i++)
        {
            var d = Unsafe.Add(ref xr, i) - center;
            sum += d;
            squares += d * d;
        }

        return (sum, squares);
    }

    /// <summary>Writes <c>(x - center) · scale · γ + β</c>, with γ = 1 and β = 0 when empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Normalize(ReadOnlySpan<float> x, Span<float> y, float center, float scale, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var (n, width) = (x.Length, Vector<float>.Count);
        var (c, s) = (new Vector<float>(center), new Vector<float>(scale));
        var (hasGamma, hasBeta) = (!gamma.IsEmpty, !beta.IsEmpty);
        ref var gr = ref MemoryMarshal.GetReference(gamma);
        ref var br = ref MemoryMarshal.GetReference(beta);
        var i = 0;
        for (; i <= n - width; i += width)
        {
            var v = (Vector.LoadUnsafe(ref xr, (nuint)i) - c) * s;
            if (hasGamma)
            {
                v *= Vector.LoadUnsafe(ref gr, (nuint)i);
            }

            if (hasBeta)
            {
                v += Vector.LoadUnsafe(ref br, (nuint)i);
            }

            v.StoreUnsafe(ref yr, (nuint)i);
        }

        for (; i < n; i++)
        {
            var v = (Unsafe.Add(ref xr, i) - center) * scale;
            if (hasGamma)
            {
                v *= Unsafe.Add(ref gr, i);
            }

            if (hasBeta)
            {
                v += Unsafe.Add(ref br, i);
            }

            Unsafe.Add(ref yr, i) = v;
        }
    }
}
