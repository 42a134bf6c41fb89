using System.Numerics;
using System.Runtime.CompilerServices;
using MLNetNorm.Normalization;

namespace MLNetNorm.Forecasting.Recurrent.Kernels;

/// <summary>
/// One norm inside a fused recurrence, applied to rows of <see cref="Features"/> contiguous elements: its forward
/// statistics and its backward pass, as managed SIMD loops on raw memory.
/// <code>
/// x̂ = (x − μ) · s      LayerNorm: μ = mean(x), s = 1/sqrt(var(x) + ε);  RMSNorm: μ = 0, s = 1/sqrt(mean(x²) + ε);  none: μ = 0, s = 1
/// y = x̂ ⊙ γ + β
/// dx = s · (ĝ − [LayerNorm] mean(ĝ) − [LayerNorm, RMSNorm] x̂ · mean(ĝ ⊙ x̂)),   ĝ = dy ⊙ γ
/// dγ += dy ⊙ x̂,  dβ += dy
/// </code>
/// </summary>
/// <remarks>
/// A missing γ or β (no norm, or RMSNorm's β) points at a row of ones or zeros, so that one branch-free loop serves
/// every kind; multiplying by one and adding zero are exact, so <see cref="NormKind.None"/> leaves values untouched.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
internal readonly unsafe struct RecurrentNorm<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Describes a norm over rows of <paramref name="features"/> elements.</summary>
    /// <param name="kind">Which norm.</param>
    /// <param name="gamma">γ, or a row of ones when the norm has none.</param>
    /// <param name="beta">β, or a row of zeros when the norm has none.</param>
    /// <param name="epsilon">ε of the norm.</param>
    /// <param name="features">The row length.</param>
    public RecurrentNorm(NormKind kind, T* gamma, T* beta, double epsilon, int features)
    {
        Gamma = gamma;
        Beta = beta;
        (Kind, Epsilon, Features) = (kind, epsilon, features);
    }

    /// <summary>Gets which norm this is.</summary>
    public NormKind Kind { get; }

    /// <summary>Gets γ (ones when absent).</summary>
    public T* Gamma { get; }

    /// <summary>Gets β (zeros when absent).</summary>
    public T* Beta { get; }

    /// <summary>Gets ε.</summary>
    public double Epsilon { get; }

    /// <summary>Gets the row length.</summary>
    public int Features { get; }

    /// <summary>Returns μ and s of one row (see the type's remarks); (0, 1) without a norm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (T Mean, T Scale) Statistics(T* x)
    {
        if (Kind == NormKind.None)
        {
            return (T.Zero, T.One);
        }

        var n = Features;
        var mean = Kind == NormKind.LayerNorm ? Sum(x, n) / T.CreateTruncating(n) : T.Zero;
        var squares = SumOfSquares(x, mean, n) / T.CreateTruncating(n);
        return (mean, T.One / T.Sqrt(squares + T.CreateTruncating(Epsilon)));
    }

    /// <summary>
    /// The backward pass of one row: dx from dy (<paramref name="gradient"/>), written to <paramref name="dx"/> (which may
    /// be <paramref name="gradient"/> itself), adding this row's share to <paramref name="dGamma"/> and
    /// <paramref name="dBeta"/> (rows of scratch when the norm has no γ or β).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(T* x, T mean, T scale, T* gradient, T* dx, T* dGamma, T* dBeta)
    {
        if (Kind == NormKind.None)
        {
            new ReadOnlySpan<T>(gradient, Features).CopyTo(new Span<T>(dx, Features));
            return;
        }

        var (n, width) = (Features, Vector<T>.Count);
        var (mv, sv) = (new Vector<T>(mean), new Vector<T>(scale));

        // Pass 1: Σĝ, Σĝ⊙x̂ and the parameter gradients.
        Vector<T> sumG = Vector<T>.Zero, sumGx = Vector<T>.Zero;
        var i = 0;
        for (; i <= n - width; i += width)
        {
            var dy = Vector.Load(gradient + i);
            var xHat = (Vector.Load(x + i) - mv) * sv;
            var g = dy * Vector.Load(Gamma + i);
            sumG += g;
            sumGx += g * xHat;
            (Vector.Load(dGamma + i) + dy * xHat).Store(dGamma + i);
            (Vector.Load(dBeta + i) + dy).Store(dBeta + i);
        }

        var (sg, sgx) = (Vector.Sum(sumG), Vector.Sum(sumGx));
        for (; i < n; i++)
        {
            var xHat = (x[i] - mean) * scale;
            var g = gradient[i] * Gamma[i];
            sg += g;
            sgx += g * xHat;
            dGamma[i] += gradient[i] * xHat;
            dBeta[i] += gradient[i];
        }

        // Pass 2: dx = s · (ĝ − mean(ĝ) − x̂ · mean(ĝ⊙x̂)), without the centering term for RMSNorm.
        var inverseN = T.One / T.CreateTruncating(n);
        var meanG = Kind == NormKind.LayerNorm ? sg * inverseN : T.Zero;
        var meanGx = sgx * inverseN;
        var (meanGv, meanGxv) = (new Vector<T>(meanG), new Vector<T>(meanGx));
        i = 0;
        for (; i <= n - width; i += width)
        {
            var xHat = (Vector.Load(x + i) - mv) * sv;
            (sv * (Vector.Load(gradient + i) * Vector.Load(Gamma + i) - meanGv - xHat * meanGxv)).Store(dx + i);
        }

        for (; i < n; i++)
        {
            var xHat = (x[i] - mean) * scale;
            dx[i] = scale * (gradient[i] * Gamma[i] - meanG - xHat * meanGx);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Sum(T* x, int n)
    {
        var width = Vector<T>.Count;
        Vector<T> s0 = Vector<T>.Zero, s1 = s0;
        var i = 0;
        for (; i <= n - 2 * width; i += 2 * width)
        {
            s0 += Vector.Load(x + i);
            s1 += Vector.Load(x + i + width);
        }

        for (; i <= n - width; i += width)
        {
            s0 += Vector.Load(x + i);
        }

        var sum = Vector.Sum(s0 + s1);
        for (; i < n; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>Σ(x − center)², the second pass of the two-pass variance (exact zero for a constant row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T SumOfSquares(T* x, T center, int n)
    {
        var width = Vector<T>.Count;
        var c = new Vector<T>(center);
        Vector<T> s0 = Vector<T>.Zero, s1 = s0;
        var i = 0;
        for (; i <= n - 2 * width; i += 2 * width)
        {
            var d0 = Vector.Load(x + i) - c;
            var d1 = Vector.Load(x + i + width) - c;
            s0 += d0 * d0;
            s1 += d1 * d1;
        }

        for (; i <= n - width; i += width)
        {
            var d = Vector.Load(x + i) - c;
            s0 += d * d;
        }

        var sum = Vector.Sum(s0 + s1);
        for (; i < n; i++)
        {
            var d = x[i] - center;
            sum += d * d;
        }

        return sum;
    }
}
