using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MLNetNorm.Forecasting.Recurrent.Kernels;

/// <summary>
/// σ and tanh in place over rows of gate values. float32 uses a vectorized exp of its own; other types use
/// <see cref="TensorPrimitives"/>.
/// </summary>
/// <remarks>
/// <para>
/// TensorPrimitives computes float exp by widening to double, which measured about 5 ns per element here: with 320
/// transcendentals per batch row and step, that alone took longer than the whole fused <c>nn.LSTM</c> step. The float
/// path below uses Cody–Waite range reduction and the degree-6 polynomial of the Cephes library's <c>expf</c> (a few ulp),
/// always on a non-positive argument so that nothing overflows:
/// <code>
/// e = exp(−|x|) ∈ (0, 1]
/// σ(x)    = 1 / (1 + e)  for x ≥ 0,    e / (1 + e)  for x &lt; 0
/// tanh(x) = sign(x) · (1 − e²) / (1 + e²)        (e² = exp(−2|x|))
/// </code>
/// The absolute error stays near 1e-7, well inside float32 training noise. NaN stays NaN.
/// </para>
/// </remarks>
internal static unsafe class GateActivations
{
    // Cephes expf: ln 2 split in two for an exact n·ln 2, and the polynomial for exp(r) on |r| ≤ ln(2)/2.
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float P0 = 1.9875691500e-4f;
    private const float P1 = 1.3981999507e-3f;
    private const float P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f;
    private const float P4 = 1.6666665459e-1f;
    private const float P5 = 5.0000001201e-1f;

    /// <summary>Below this, exp would leave the normal floats; σ and tanh have long saturated there.</summary>
    private const float SmallestArgument = -87f;

    /// <summary>Replaces each of <paramref name="n"/> values at <paramref name="x"/> by its logistic sigmoid.</summary>
    public static void Sigmoid<T>(T* x, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Apply<T, SigmoidFunction>(x, n);

    /// <summary>Replaces each of <paramref name="n"/> values at <paramref name="x"/> by its hyperbolic tangent.</summary>
    public static void Tanh<T>(T* x, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Apply<T, TanhFunction>(x, n);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply<T, TFunction>(T* x, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TFunction : struct, IActivation
    {
        if (typeof(T) != typeof(float))
        {
            TFunction.Reference(new Span<T>(x, n));
            return;
        }

        var p = (float*)x;
        var width = Vector<float>.Count;
        var i = 0;
        for (; i <= n - width; i += width)
        {
            var v = Vector.Load(p + i);

            // Where v is NaN, NaN; elsewhere the function's value.
            Vector.ConditionalSelect(Vector.Equals(v, v), TFunction.Of(v), v).Store(p + i);
        }

        for (; i < n; i++)
        {
            p[i] = TFunction.Of(p[i]);
        }
    }

    /// <summary>exp(y) for y ≤ 0 (NaN lanes give an unspecified finite value; callers restore them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpOfNonPositive(Vector<float> y)
    {
        y = Vector.Max(y, new Vector<float>(SmallestArgument));

        // y = n·ln 2 + r with n = round(y / ln 2), |r| ≤ ln(2)/2; n ∈ [−126, 0], so 2ⁿ is a normal float.
        var n = Vector.Floor(Vector.FusedMultiplyAdd(y, new Vector<float>(Log2E), new Vector<float>(0.5f)));
        var r = Vector.FusedMultiplyAdd(n, new Vector<float>(-Ln2Low), Vector.FusedMultiplyAdd(n, new Vector<float>(-Ln2High), y));
        var p = new Vector<float>(P0);
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(P1));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(P2));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(P3));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(P4));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(P5));
        p = Vector.FusedMultiplyAdd(p, r * r, r + Vector<float>.One);
        var twoToN = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23));
        return p * twoToN;
    }

    /// <summary>One activation: vectorized, scalar (for row tails), and TensorPrimitives' for other types.</summary>
    private interface IActivation
    {
        static abstract Vector<float> Of(Vector<float> v);

        static abstract float Of(float v);

        static abstract void Reference<T>(Span<T> values)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>;
    }

    private readonly struct SigmoidFunction : IActivation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Of(Vector<float> v)
        {
            var e = ExpOfNonPositive(-Vector.Abs(v));
            var positive = Vector<float>.One / (Vector<float>.One + e);
            return Vector.ConditionalSelect(Vector.GreaterThanOrEqual(v, Vector<float>.Zero), positive, e * positive);
        }

        public static float Of(float v) => 1f / (1f + MathF.Exp(-v));

        public static void Reference<T>(Span<T> values)
            where T : unmanaged, IBinaryFloatingPointIeee754<T> => TensorPrimitives.Sigmoid(values, values);
    }

    private readonly struct TanhFunction : IActivation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Of(Vector<float> v)
        {
            var a = Vector.Abs(v);
            var e = ExpOfNonPositive(-(a + a));
            var magnitude = (Vector<float>.One - e) / (Vector<float>.One + e);

            // Copy the sign bit of v onto the non-negative magnitude.
            var sign = Vector.AsVectorUInt32(v) & new Vector<uint>(0x8000_0000u);
            return Vector.AsVectorSingle(Vector.AsVectorUInt32(magnitude) | sign);
        }

        public static float Of(float v) => MathF.Tanh(v);

        public static void Reference<T>(Span<T> values)
            where T : unmanaged, IBinaryFloatingPointIeee754<T> => TensorPrimitives.Tanh(values, values);
    }
}
