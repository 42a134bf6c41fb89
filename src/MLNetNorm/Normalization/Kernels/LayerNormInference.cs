using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Normalization.Kernels;

/// <summary>
/// LayerNorm forward for float32 CPU tensors when no gradient is needed (inference, evaluation): the managed row kernel
/// of the ML.NET transform, run over blocks of rows on all cores, straight on tensor memory. It reads x once and writes
/// y once, which puts it near the memory-bandwidth floor of a tensor copy; training keeps libtorch's fused kernel, whose
/// backward pass it needs.
/// </summary>
internal static unsafe class LayerNormInference
{
    /// <summary>Below this many elements the kernel runs on the calling thread.</summary>
    private const long ParallelThreshold = 1 << 15;

    /// <summary>Whether the managed path applies: float32 on the CPU, and nothing requires a gradient.</summary>
    public static bool Supports(Tensor input, Tensor? weight, Tensor? bias) =>
        input.dtype == ScalarType.Float32 && TensorMemory.IsAddressable(input) &&
        (!is_grad_enabled() || (!input.requires_grad && weight?.requires_grad != true && bias?.requires_grad != true)) &&
        (weight is null || (weight.dtype == ScalarType.Float32 && weight.device_type == DeviceType.CPU)) &&
        (bias is null || (bias.dtype == ScalarType.Float32 && bias.device_type == DeviceType.CPU));

    /// <summary>Layer-normalizes each row of <paramref name="features"/> trailing elements of <paramref name="input"/>.</summary>
    /// <returns>A new tensor of the input's shape. Rows holding NaN or infinity come out as NaN, as with libtorch.</returns>
    public static Tensor Forward(Tensor input, Tensor? weight, Tensor? bias, double epsilon, long features)
    {
        using var scope = NewDisposeScope();
        var x = input.contiguous();
        var y = empty_like(x);
        var gamma = weight?.reshape(features).contiguous();
        var beta = bias?.reshape(features).contiguous();
        var n = checked((int)features);
        var rows = x.numel() / n;
        var (px, py) = ((nint)TensorMemory.Pointer<float>(x), (nint)TensorMemory.Pointer<float>(y));
        var (pg, pb) = (gamma is null ? 0 : (nint)TensorMemory.Pointer<float>(gamma), beta is null ? 0 : (nint)TensorMemory.Pointer<float>(beta));
        var eps = (float)epsilon;

        void NormalizeRows(long first, long end)
        {
            var gammaSpan = pg == 0 ? default : new ReadOnlySpan<float>((float*)pg, n);
            var betaSpan = pb == 0 ? default : new ReadOnlySpan<float>((float*)pb, n);
            for (var row = first; row < end; row++)
            {
                var source = new ReadOnlySpan<float>((float*)px + row * n, n);
                var destination = new Span<float>((float*)py + row * n, n);
                if (!RowNormKernels.LayerNorm(source, destination, gammaSpan, betaSpan, eps))
                {
                    destination.Fill(float.NaN);
                }
            }
        }

        var blocks = rows * n < ParallelThreshold ? 1 : (int)Math.Min(rows, 16);
        if (blocks == 1)
        {
            NormalizeRows(0, rows);
        }
        else
        {
            Parallel.For(0, blocks, block => NormalizeRows(rows * block / blocks, rows * (block + 1) / blocks));
        }

        return y.MoveToOuterDisposeScope();
    }
}
