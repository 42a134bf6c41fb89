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
    private const string WeightShape = "weight_shape";

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
        if (!is_grad_enabled() || (!input.requires_grad && weight?.requires_grad != true))
        {
            // Nothing to differentiate: run the kernel without the autograd node, which would keep tensors for a backward pass.
            using var scope = NewDisposeScope();
            var rows = input.numel() / features;
            var (x, gamma) = (input.contiguous(), (weight ?? ones!).reshape(features).contiguous());
            var y = empty_like(x);
            using var inverseRms = empty(rows, x.dtype);
            Forward(x, gamma, y, inverseRms, rows, checked((int)features), epsilon);
            return y.MoveToOuterDisposeScope();
        }

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

        // Intermediates die with this scope. The saved tensors must outlive it (TorchSharp's context keeps these very
        // objects and unpacks them in backward, which then releases them).
        using var scope = NewDisposeScope();
        var x = input.contiguous();
        var gamma = weight.reshape(n).contiguous();
        var y = empty_like(x);
        var inverseRms = empty(rows, x.dtype);
        Forward(x, gamma, y, inverseRms, rows, n, epsilon);
        ctx.save_for_backward([x.MoveToOuterDisposeScope(), gamma.MoveToOuterDisposeScope(), inverseRms.MoveToOuterDisposeScope()]);
        ctx.save_data(NeedsInputGradient, input.requires_grad);
        ctx.save_data(NeedsWeightGradient, weight.requires_grad);
        ctx.save_data(WeightShape, weight.shape);
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>Runs the forward kernel on contiguous tensors of the input's dtype.</summary>
    private static void Forward(Tensor x, Tensor gamma, Tensor y, Tensor inverseRms, long rows, int n, double epsilon)
    {
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

        // One gradient per forward argument: input, weight (in its own shape), then none for ε and the feature count.
        var weightShape = (long[])ctx.get_data(WeightShape);
        if (dGamma is not null && weightShape.Length != 1)
        {
            var flat = dGamma;
            dGamma = flat.reshape(weightShape);
            flat.Dispose();
        }

        return [dx!, dGamma!, null!, null!];
    }
}
