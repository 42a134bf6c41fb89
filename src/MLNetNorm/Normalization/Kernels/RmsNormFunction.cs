using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Normalization.Kernels;

/// <summary>
/// RMSNorm as one TorchSharp autograd function whose forward and backward are <see cref="RmsNormKernels"/> running on
/// the tensors' own memory: one pass to read x and write y, one to read x and g and write dx, with no full-size
/// intermediates for autograd to allocate and keep.
/// </summary>
internal sealed unsafe class RmsNormFunction : autograd.SingleTensorFunction<RmsNormFunction>
{
    private const string NeedsInputGradient = "needs_input_gradient";
    private const string NeedsWeightGradient = "needs_weight_gradient";

    /// <inheritdoc/>
    public override string Name => nameof(RmsNormFunction);

    /// <summary>Whether the fused CPU kernels can handle <paramref name="input"/>; otherwise use the composite form.</summary>
    public static bool Supports(Tensor input) =>
        input.dtype is ScalarType.Float32 or ScalarType.Float64 && TensorMemory.IsAddressable(input);

    /// <summary>Normalizes the trailing <paramref name="features"/> elements of each row of <paramref name="input"/>.</summary>
    /// <param name="input">The input, of a supported dtype on the CPU; its trailing dimensions hold <paramref name="features"/> elements.</param>
    /// <param name="weight">γ of <paramref name="features"/> elements, or null for none.</param>
    /// <param name="epsilon">ε added to the mean square.</param>
    /// <param name="features">The number of elements normalized together.</param>
    /// <returns>The normalized tensor, with gradients to <paramref name="input"/> and <paramref name="weight"/>.</returns>
    public static Tensor Apply(Tensor input, Tensor? weight, double epsilon, long features)
    {
        if (weight is not null && (weight.dtype != input.dtype || weight.device_type != DeviceType.CPU))
        {
            throw new ArgumentException($"RMSNorm's weight is {weight.dtype} on {weight.device}, but its input is {input.dtype} on {input.device}; move the module with .to(...).");
        }

        using var ones = weight is null ? torch.ones(features, input.dtype) : null;
        return apply(input, weight ?? ones!, epsilon, features);
    }

    /// <inheritdoc/>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var weight = (Tensor)vars[1];
        var epsilon = (double)vars[2];
        var n = checked((int)(long)vars[3]);
        var rows = input.numel() / n;

        var x = input.contiguous();
        var gamma = weight.reshape(n).contiguous();
        var y = empty_like(x);
        var inverseRms = empty(rows, x.dtype);
        if (x.dtype == ScalarType.Float32)
        {
            RmsNormKernels.Forward(TensorMemory.Pointer<float>(x), TensorMemory.Pointer<float>(gamma), TensorMemory.Pointer<float>(y),
                TensorMemory.Pointer<float>(inverseRms), rows, n, epsilon);
        }
        else
        {
            RmsNormKernels.Forward(TensorMemory.Pointer<double>(x), TensorMemory.Pointer<double>(gamma), TensorMemory.Pointer<double>(y),
                TensorMemory.Pointer<double>(inverseRms), rows, n, epsilon);
        }

        ctx.save_for_backward([x, gamma, inverseRms]);
        ctx.save_data(NeedsInputGradient, input.requires_grad);
        ctx.save_data(NeedsWeightGradient, weight.requires_grad);
        return y;
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var saved = ctx.get_saved_variables();
        var (x, gamma, inverseRms) = (saved[0], saved[1], saved[2]);
        var needInput = (bool)ctx.get_data(NeedsInputGradient);
        var needWeight = (bool)ctx.get_data(NeedsWeightGradient);
        var n = checked((int)gamma.shape[0]);
        var rows = inverseRms.shape[0];

        // The upstream gradient may be non-contiguous (e.g. the expanded ones of sum().backward()).
        var g = gradOutput.to_type(x.dtype).contiguous();
        var dx = needInput ? empty_like(x) : null;
        var dGamma = needWeight ? empty_like(gamma) : null;
        if (x.dtype == ScalarType.Float32)
        {
            RmsNormKernels.Backward(TensorMemory.Pointer<float>(x), TensorMemory.Pointer<float>(gamma), TensorMemory.Pointer<float>(inverseRms),
                TensorMemory.Pointer<float>(g), dx is null ? null : TensorMemory.Pointer<float>(dx), dGamma is null ? null : TensorMemory.Pointer<float>(dGamma), rows, n);
        }
        else
        {
            RmsNormKernels.Backward(TensorMemory.Pointer<double>(x), TensorMemory.Pointer<double>(gamma), TensorMemory.Pointer<double>(inverseRms),
                TensorMemory.Pointer<double>(g), dx is null ? null : TensorMemory.Pointer<double>(dx), dGamma is null ? null : TensorMemory.Pointer<double>(dGamma), rows, n);
        }

        // The graph holds its own references to the saved tensors; these wrappers (and g, if it is a copy) are ours to release.
        foreach (var tensor in saved)
        {
            tensor.Dispose();
        }

        if (!ReferenceEquals(g, gradOutput))
        {
            g.Dispose();
        }

        // One gradient per forward argument: input, weight, then none for ε and the feature count.
        return [dx!, dGamma!, null!, null!];
    }
}
