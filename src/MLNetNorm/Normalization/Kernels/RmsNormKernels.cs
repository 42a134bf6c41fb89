using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MLNetNorm.Normalization.Kernels;

/// <summary>
/// Managed SIMD forward and backward kernels for RMSNorm over rows of <c>n</c> contiguous elements:
/// <code>
/// y      = x · r · γ,                  r = 1 / sqrt(mean(x²) + ε)   (per row)
/// dx     = r · ĝ − x · r³ · mean(x ⊙ ĝ),    ĝ = g ⊙ γ
/// dγ     = Σ_rows g ⊙ x · r
/// </code>
/// Each kernel reads its inputs once from memory and keeps a row hot in L1 for its second pass; rows are split into
/// blocks across the cores. The per-row <c>r</c> is saved by the forward pass so the backward pass does not recompute it.
/// Outputs larger than the caches are written with streaming stores (<see cref="StreamingStores"/>): both kernels are
/// memory-bound there, and skipping the read-for-ownership of every output line removes a third of the traffic.
/// </summary>
internal static unsafe class RmsNormKernels
{
    /// <summary>Below this many elements a kernel runs on the calling thread: fork/join would cost more than it saves.</summary>
    private const long ParallelThreshold = 1 << 15;

    /// <summary>Rows summed into a small partial dγ before folding it into the thread's total (two-level summation).</summary>
    private const int GammaGradientChunkRows = 64;

    /// <summary>Computes <c>y</c> and the per-row inverse RMS <c>r</c> for <paramref name="rows"/> rows of <paramref name="n"/> elements.</summary>
    public static void Forward<T>(T* x, T* gamma, T* y, T* inverseRms, long rows, int n, double epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var blocks = BlockCount(rows, n);
        var stream = StreamingStores.Worthwhile<T>(rows * n);
        if (blocks == 1)
        {
            ForwardRows(x, gamma, y, inverseRms, 0, rows, n, epsilon, stream);
            return;
        }

        var (px, pg, py, pr) = ((nint)x, (nint)gamma, (nint)y, (nint)inverseRms);
        Parallel.For(0, blocks, block =>
        {
            var (first, end) = BlockRows(rows, block, blocks);
            ForwardRows((T*)px, (T*)pg, (T*)py, (T*)pr, first, end, n, epsilon, stream);
        });
    }

    /// <summary>
    /// Computes <c>dx</c> (when not null) and <c>dγ</c> (when not null) from the upstream gradient <paramref name="g"/>.
    /// </summary>
    public static void Backward<T>(T* x, T* gamma, T* inverseRms, T* g, T* dx, T* dGamma, long rows, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var blocks = BlockCount(rows, n);
        var stream = StreamingStores.Worthwhile<T>(rows * n);
        if (blocks == 1)
        {
            var accumulator = dGamma != null ? new T[n] : null;
            BackwardBlock(x, gamma, inverseRms, g, dx, accumulator, 0, rows, n, stream);
            accumulator?.AsSpan().CopyTo(new Span<T>(dGamma, n));
            return;
        }

        // One partial dγ per block, summed in block order afterwards: the result does not depend on which thread
        // finished first, so training is bit-for-bit reproducible.
        var (px, pg, pr, pgo, pdx) = ((nint)x, (nint)gamma, (nint)inverseRms, (nint)g, (nint)dx);
        var partials = dGamma != null ? new T[blocks][] : null;
        Parallel.For(0, blocks, block =>
        {
            var (first, end) = BlockRows(rows, block, blocks);
            var accumulator = partials is null ? null : partials[block] = new T[n];
            BackwardBlock((T*)px, (T*)pg, (T*)pr, (T*)pgo, (T*)pdx, accumulator, first, end, n, stream);
        });
        if (partials is not null)
        {
            var total = new Span<T>(dGamma, n);
            partials[0].CopyTo(total);
            for (var block = 1; block < blocks; block++)
            {
                TensorPrimitives.Add<T>(total, partials[block], total);
            }
        }
    }

    /// <summary>
    /// The number of row blocks: a fixed count, not the machine's core count, so that the block-ordered dγ sum (and so
    /// a trained model) is bit-for-bit the same on every machine; the thread pool spreads the blocks over the cores.
    /// </summary>
    private static int BlockCount(long rows, int n) => rows * n < ParallelThreshold ? 1 : (int)Math.Min(rows, 16);

    private static (long First, long End) BlockRows(long rows, int block, int blocks) => (rows * block / blocks, rows * (block + 1) / blocks);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardRows<T>(T* x, T* gamma, T* y, T* inverseRms, long first, long end, int n, double epsilon, bool stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var width = Vector<T>.Count;
        ref var gammaRef = ref Unsafe.AsRef<T>(gamma);
        for (var row = first; row < end; row++)
        {
            ref var xRow = ref Unsafe.AsRef<T>(x + row * n);
            ref var yRow = ref Unsafe.AsRef<T>(y + row * n);

            // Sum of squares with four independent accumulators, to hide the add latency.
            Vector<T> a0 = Vector<T>.Zero, a1 = a0, a2 = a0, a3 = a0;
            var i = 0;
            for (; i <= n - 4 * width; i += 4 * width)
            {
                var v0 = Vector.LoadUnsafe(ref xRow, (nuint)i);
                var v1 = Vector.LoadUnsafe(ref xRow, (nuint)(i + width));
                var v2 = Vector.LoadUnsafe(ref xRow, (nuint)(i + 2 * width));
                var v3 = Vector.LoadUnsafe(ref xRow, (nuint)(i + 3 * width));
                a0 += v0 * v0;
                a1 += v1 * v1;
                a2 += v2 * v2;
                a3 += v3 * v3;
            }

            for (; i <= n - width; i += width)
            {
                var v = Vector.LoadUnsafe(ref xRow, (nuint)i);
                a0 += v * v;
            }

            var sumOfSquares = Vector.Sum(a0 + a1 + (a2 + a3));
            for (; i < n; i++)
            {
                var v = Unsafe.Add(ref xRow, i);
                sumOfSquares += v * v;
            }

            var r = T.CreateTruncating(1.0 / Math.Sqrt(double.CreateTruncating(sumOfSquares) / n + epsilon));
            inverseRms[row] = r;

            if (stream)
            {
                StreamingStores.WriteScaledProduct(x + row * n, gamma, r, y + row * n, n);
                continue;
            }

            var rv = new Vector<T>(r);
            i = 0;
            for (; i <= n - width; i += width)
            {
                (Vector.LoadUnsafe(ref xRow, (nuint)i) * rv * Vector.LoadUnsafe(ref gammaRef, (nuint)i)).StoreUnsafe(ref yRow, (nuint)i);
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref yRow, i) = Unsafe.Add(ref xRow, i) * r * Unsafe.Add(ref gammaRef, i);
            }
        }

        StreamingStores.FenceIf(stream);
    }

    private static void BackwardBlock<T>(T* x, T* gamma, T* inverseRms, T* g, T* dx, T[]? accumulator, long first, long end, int n, bool stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (accumulator is null)
        {
            BackwardRows(x, gamma, inverseRms, g, dx, null, first, end, n, stream);
            StreamingStores.FenceIf(stream);
            return;
        }

        // Summing thousands of rows into one running dγ loses precision; sum chunks of rows first, then fold them in.
        var chunk = new T[n];
        fixed (T* chunkPointer = chunk)
        {
            for (var chunkFirst = first; chunkFirst < end; chunkFirst += GammaGradientChunkRows)
            {
                BackwardRows(x, gamma, inverseRms, g, dx, chunkPointer, chunkFirst, Math.Min(end, chunkFirst + GammaGradientChunkRows), n, stream);
                TensorPrimitives.Add<T>(accumulator, chunk, accumulator);
                Array.Clear(chunk);
            }
        }

        StreamingStores.FenceIf(stream);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardRows<T>(T* x, T* gamma, T* inverseRms, T* g, T* dx, T* dGammaChunk, long first, long end, int n, bool stream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var width = Vector<T>.Count;
        ref var gammaRef = ref Unsafe.AsRef<T>(gamma);
        var inverseN = T.One / T.CreateTruncating(n);
        for (var row = first; row < end; row++)
        {
            ref var xRow = ref Unsafe.AsRef<T>(x + row * n);
            ref var gRow = ref Unsafe.AsRef<T>(g + row * n);
            var r = inverseRms[row];
            var rv = new Vector<T>(r);

            // Pass 1: dot = Σ x ⊙ g ⊙ γ, and dγ += g ⊙ x · r.
            Vector<T> d0 = Vector<T>.Zero, d1 = d0;
            var i = 0;
            if (dGammaChunk != null)
            {
                ref var accumulator = ref Unsafe.AsRef<T>(dGammaChunk);
                for (; i <= n - 2 * width; i += 2 * width)
                {
                    // Two independent dot accumulators hide the add latency, as in the loop without dγ.
                    var xg0 = Vector.LoadUnsafe(ref xRow, (nuint)i) * Vector.LoadUnsafe(ref gRow, (nuint)i);
                    var xg1 = Vector.LoadUnsafe(ref xRow, (nuint)(i + width)) * Vector.LoadUnsafe(ref gRow, (nuint)(i + width));
                    d0 += xg0 * Vector.LoadUnsafe(ref gammaRef, (nuint)i);
                    d1 += xg1 * Vector.LoadUnsafe(ref gammaRef, (nuint)(i + width));
                    (Vector.LoadUnsafe(ref accumulator, (nuint)i) + xg0 * rv).StoreUnsafe(ref accumulator, (nuint)i);
                    (Vector.LoadUnsafe(ref accumulator, (nuint)(i + width)) + xg1 * rv).StoreUnsafe(ref accumulator, (nuint)(i + width));
                }

                for (; i <= n - width; i += width)
                {
                    var xg = Vector.LoadUnsafe(ref xRow, (nuint)i) * Vector.LoadUnsafe(ref gRow, (nuint)i);
                    d0 += xg * Vector.LoadUnsafe(ref gammaRef, (nuint)i);
                    (Vector.LoadUnsafe(ref accumulator, (nuint)i) + xg * rv).StoreUnsafe(ref accumulator, (nuint)i);
                }
            }
            else
            {
                for (; i <= n - 2 * width; i += 2 * width)
                {
                    d0 += Vector.LoadUnsafe(ref xRow, (nuint)i) * Vector.LoadUnsafe(ref gRow, (nuint)i) * Vector.LoadUnsafe(ref gammaRef, (nuint)i);
                    d1 += Vector.LoadUnsafe(ref xRow, (nuint)(i + width)) * Vector.LoadUnsafe(ref gRow, (nuint)(i + width)) * Vector.LoadUnsafe(ref gammaRef, (nuint)(i + width));
                }

                for (; i <= n - width; i += width)
                {
                    d0 += Vector.LoadUnsafe(ref xRow, (nuint)i) * Vector.LoadUnsafe(ref gRow, (nuint)i) * Vector.LoadUnsafe(ref gammaRef, (nuint)i);
                }
            }

            var dot = Vector.Sum(d0 + d1);
            for (; i < n; i++)
            {
                var xg = Unsafe.Add(ref xRow, i) * Unsafe.Add(ref gRow, i);
                dot += xg * Unsafe.Add(ref gammaRef, i);
                if (dGammaChunk != null)
                {
                    dGammaChunk[i] += xg * r;
                }
            }

            if (dx == null)
            {
                continue;
            }

            // Pass 2, with the row still in L1: dx = r · g ⊙ γ − c · x,  c = r³ · dot / n.
            var c = r * r * r * dot * inverseN;
            if (stream)
            {
                StreamingStores.WriteInputGradient(g + row * n, gamma, r, x + row * n, c, dx + row * n, n);
                continue;
            }

            var cv = new Vector<T>(c);
            ref var dxRow = ref Unsafe.AsRef<T>(dx + row * n);
            i = 0;
            for (; i <= n - width; i += width)
            {
                (rv * Vector.LoadUnsafe(ref gRow, (nuint)i) * Vector.LoadUnsafe(ref gammaRef, (nuint)i) - cv * Vector.LoadUnsafe(ref xRow, (nuint)i))
                    .StoreUnsafe(ref dxRow, (nuint)i);
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref dxRow, i) = r * Unsafe.Add(ref gRow, i) * Unsafe.Add(ref gammaRef, i) - c * Unsafe.Add(ref xRow, i);
            }
        }
    }
}
