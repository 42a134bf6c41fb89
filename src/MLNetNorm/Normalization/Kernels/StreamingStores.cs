using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNetNorm.Normalization.Kernels;

/// <summary>
/// Row writers with non-temporal (streaming) stores for the normalization kernels' large outputs.
/// </summary>
/// <remarks>
/// A normal store first reads the destination cache line from memory (read for ownership), so a kernel that reads x
/// and writes y moves three bytes for every two it needs. When y is far larger than the caches that read is pure waste:
/// the line is evicted before anyone reads it back. Streaming stores write whole lines straight to memory. They are
/// weakly ordered, so every thread that used them ends with <see cref="FenceIf"/> before its work is published.
/// </remarks>
internal static unsafe class StreamingStores
{
    /// <summary>Outputs of at least this many bytes are streamed: well past a 1 MiB L2 per core, where lines are evicted before reuse.</summary>
    private const long MinimumBytes = 8L << 20;

    /// <summary>Whether an output of <paramref name="elements"/> elements of <typeparamref name="T"/> should be streamed on this CPU.</summary>
    public static bool Worthwhile<T>(long elements)
        where T : unmanaged =>
        Sse.IsSupported && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && elements * sizeof(T) >= MinimumBytes;

    /// <summary>Writes <c>y = x · r · γ</c> for one row of <paramref name="n"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteScaledProduct<T>(T* x, T* gamma, T r, T* y, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var i = 0;
        for (; i < n && !IsAligned(y + i); i++)
        {
            y[i] = x[i] * r * gamma[i];
        }

        var rv = Vector256.Create(r);
        for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
        {
            (Vector256.Load(x + i) * rv * Vector256.Load(gamma + i)).StoreAlignedNonTemporal(y + i);
        }

        for (; i < n; i++)
        {
            y[i] = x[i] * r * gamma[i];
        }
    }

    /// <summary>Writes RMSNorm's input gradient <c>dx = r · g ⊙ γ − c · x</c> for one row of <paramref name="n"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteInputGradient<T>(T* g, T* gamma, T r, T* x, T c, T* dx, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var i = 0;
        for (; i < n && !IsAligned(dx + i); i++)
        {
            dx[i] = r * g[i] * gamma[i] - c * x[i];
        }

        var (rv, cv) = (Vector256.Create(r), Vector256.Create(c));
        for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
        {
            (rv * Vector256.Load(g + i) * Vector256.Load(gamma + i) - cv * Vector256.Load(x + i)).StoreAlignedNonTemporal(dx + i);
        }

        for (; i < n; i++)
        {
            dx[i] = r * g[i] * gamma[i] - c * x[i];
        }
    }

    /// <summary>Orders this thread's streaming stores before anything it writes later (a no-op when <paramref name="streamed"/> is false).</summary>
    public static void FenceIf(bool streamed)
    {
        if (streamed)
        {
            Sse.StoreFence();
        }
    }

    private static bool IsAligned<T>(T* address)
        where T : unmanaged => ((nuint)address & (nuint)(Vector256<byte>.Count - 1)) == 0;
}
