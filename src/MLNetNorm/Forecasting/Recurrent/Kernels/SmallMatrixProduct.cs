using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLNetNorm.Forecasting.Recurrent.Kernels;

/// <summary>
/// <c>C = A·B</c> for the small float32 matrices of a recurrence step (e.g. 64×64 by 64×256), on the calling thread,
/// with 512-bit vectors.
/// </summary>
/// <remarks>
/// <para>
/// Measured on the 2-core AMD EPYC (AVX-512) this project is developed on, libtorch's <c>addmm_</c> took 24 µs for a
/// 64×64·64×256 product on one thread and 46 µs on two (thread hand-off costs more than the product), against 10 µs
/// here: libtorch's BLAS does not use the full vector width on this CPU, and a recurrence makes 48–96 such calls per
/// training step. Where 512-bit vectors are not accelerated, <see cref="IsSupported"/> is false and callers use libtorch.
/// </para>
/// <para>
/// The kernel keeps a 4×64 block of C in 16 vector registers and streams A's four rows (as broadcast scalars) and B's
/// row segments through it; leftover rows and columns take narrower blocks and a scalar loop. Each element of C is one
/// sum in a fixed order, so results are reproducible.
/// </para>
/// </remarks>
internal static unsafe class SmallMatrixProduct
{
    private const int Width = 16;

    /// <summary>Gets a value indicating whether the managed kernel runs here (512-bit vectors are hardware-accelerated).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Writes <c>C[i, j] = Σ_p A[i, p] · B[p, j]</c> for an <paramref name="m"/>×<paramref name="k"/> A and a
    /// <paramref name="k"/>×<paramref name="n"/> B. B and C have unit column stride; A is addressed through both strides,
    /// so that a transposed A needs no copy.
    /// </summary>
    /// <param name="a">A[0, 0].</param>
    /// <param name="aRowStride">Elements between A[i, p] and A[i + 1, p].</param>
    /// <param name="aColumnStride">Elements between A[i, p] and A[i, p + 1].</param>
    /// <param name="b">B[0, 0].</param>
    /// <param name="bRowStride">Elements between two rows of B.</param>
    /// <param name="c">C[0, 0]; overwritten.</param>
    /// <param name="cRowStride">Elements between two rows of C.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* a, long aRowStride, long aColumnStride, float* b, long bRowStride, float* c, long cRowStride, int m, int k, int n)
    {
        var row = 0;
        for (; row + 4 <= m; row += 4)
        {
            var column = 0;
            for (; column + (4 * Width) <= n; column += 4 * Width)
            {
                Block4x64(a + (row * aRowStride), aRowStride, aColumnStride, b + column, bRowStride, c + (row * cRowStride) + column, cRowStride, k);
            }

            for (var r = row; r < row + 4; r++)
            {
                RowTail(a + (r * aRowStride), aColumnStride, b, bRowStride, c + (r * cRowStride), k, column, n);
            }
        }

        for (; row < m; row++)
        {
            RowTail(a + (row * aRowStride), aColumnStride, b, bRowStride, c + (row * cRowStride), k, 0, n);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x64(float* a, long aRowStride, long aColumnStride, float* b, long bRowStride, float* c, long cRowStride, int k)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        var (a0, a1, a2, a3) = ((nint)a, (nint)(a + aRowStride), (nint)(a + (2 * aRowStride)), (nint)(a + (3 * aRowStride)));
        for (var p = 0; p < k; p++)
        {
            var bp = b + (p * bRowStride);
            var (b0, b1, b2, b3) = (Vector512.Load(bp), Vector512.Load(bp + Width), Vector512.Load(bp + (2 * Width)), Vector512.Load(bp + (3 * Width)));
            var offset = p * aColumnStride;
            var x = Vector512.Create(((float*)a0)[offset]);
            (c00, c01, c02, c03) = (Fma(x, b0, c00), Fma(x, b1, c01), Fma(x, b2, c02), Fma(x, b3, c03));
            x = Vector512.Create(((float*)a1)[offset]);
            (c10, c11, c12, c13) = (Fma(x, b0, c10), Fma(x, b1, c11), Fma(x, b2, c12), Fma(x, b3, c13));
            x = Vector512.Create(((float*)a2)[offset]);
            (c20, c21, c22, c23) = (Fma(x, b0, c20), Fma(x, b1, c21), Fma(x, b2, c22), Fma(x, b3, c23));
            x = Vector512.Create(((float*)a3)[offset]);
            (c30, c31, c32, c33) = (Fma(x, b0, c30), Fma(x, b1, c31), Fma(x, b2, c32), Fma(x, b3, c33));
        }

        StoreRow(c, c00, c01, c02, c03);
        StoreRow(c + cRowStride, c10, c11, c12, c13);
        StoreRow(c + (2 * cRowStride), c20, c21, c22, c23);
        StoreRow(c + (3 * cRowStride), c30, c31, c32, c33);
    }

    /// <summary>Columns <paramref name="first"/> to <paramref name="n"/> of one row of C: one vector at a time, then scalars.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowTail(float* a, long aColumnStride, float* b, long bRowStride, float* c, int k, int first, int n)
    {
        var column = first;
        for (; column + Width <= n; column += Width)
        {
            var sum = Vector512<float>.Zero;
            for (var p = 0; p < k; p++)
            {
                sum = Fma(Vector512.Create(a[p * aColumnStride]), Vector512.Load(b + (p * bRowStride) + column), sum);
            }

            sum.Store(c + column);
        }

        for (; column < n; column++)
        {
            var sum = 0f;
            for (var p = 0; p < k; p++)
            {
                sum = MathF.FusedMultiplyAdd(a[p * aColumnStride], b[(p * bRowStride) + column], sum);
            }

            c[column] = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(Vector512<float> x, Vector512<float> y, Vector512<float> addend) => Vector512.FusedMultiplyAdd(x, y, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        v0.Store(c);
        v1.Store(c + Width);
        v2.Store(c + (2 * Width));
        v3.Store(c + (3 * Width));
    }
}
