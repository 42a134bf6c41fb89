using MLNetNorm.Normalization.Kernels;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Normalization;

/// <summary>
/// Root-mean-square normalization (Zhang and Sennrich, 2019) over the trailing <c>normalizedShape</c> dimensions:
/// <c>y = x / sqrt(mean(x²) + ε) · γ</c>.
/// </summary>
/// <remarks>
/// <para>
/// RMSNorm drops LayerNorm's re-centering (and β): it only re-scales, which keeps the re-scaling invariance that makes
/// LayerNorm useful while saving one reduction. It exists to be faster, so on the CPU it runs as one fused autograd
/// function (<see cref="RmsNormFunction"/>) whose forward and backward are managed SIMD kernels over tensor memory,
/// instead of the four separate tensor operations (square, mean, rsqrt, multiply) of the textbook form, each of which
/// would allocate and traverse a full-size intermediate. On other devices the composite form is used.
/// </para>
/// <para>Like <see cref="LayerNorm"/>, each example is normalized on its own, so results do not depend on the batch.</para>
/// </remarks>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly long[] _normalizedShape;

    // Named as registered: TorchSharp re-binds fields of these names when .to(device/dtype) replaces the parameters.
    private Parameter? weight;

    /// <summary>Creates an RMS normalization module.</summary>
    /// <param name="normalizedShape">The trailing dimensions to normalize over, e.g. <c>[hidden]</c>.</param>
    /// <param name="epsilon">Added to the mean square for numerical stability; must be positive.</param>
    /// <param name="elementwiseAffine">Whether to learn a per-element scale γ.</param>
    /// <param name="device">The device for the parameters; the CPU when null.</param>
    /// <param name="dtype">The element type of the parameters; float32 when null.</param>
    public RmsNorm(long[] normalizedShape, double epsilon = Normalizations.DefaultEpsilon, bool elementwiseAffine = true,
        Device? device = null, ScalarType? dtype = null)
        : base(nameof(RmsNorm))
    {
        _normalizedShape = NormalizedShape.Validate(normalizedShape, nameof(normalizedShape));
        Epsilon = Normalizations.ValidateEpsilon(epsilon);
        if (elementwiseAffine)
        {
            weight = new Parameter(ones(_normalizedShape, dtype ?? ScalarType.Float32, device));
            register_parameter(nameof(weight), weight);
        }
    }

    /// <summary>Gets the trailing dimensions this module normalizes over.</summary>
    public IReadOnlyList<long> Shape => _normalizedShape;

    /// <summary>Gets ε, the constant added to the mean square.</summary>
    public double Epsilon { get; }

    /// <summary>Gets the learned scale γ, or null without elementwise affine.</summary>
    public Parameter? Weight => weight;

    /// <summary>Normalizes <paramref name="input"/> over its trailing dimensions.</summary>
    /// <param name="input">A tensor whose trailing dimensions equal the normalized shape.</param>
    /// <returns>A tensor of the same shape.</returns>
    public override Tensor forward(Tensor input)
    {
        NormalizedShape.CheckInput(input, _normalizedShape, nameof(RmsNorm));
        if (RmsNormFunction.Supports(input))
        {
            return RmsNormFunction.Apply(input, Weight, Epsilon, NormalizedShape.Features(_normalizedShape));
        }

        using var scope = NewDisposeScope();
        var dims = Enumerable.Range((int)input.dim() - _normalizedShape.Length, _normalizedShape.Length).Select(d => (long)d).ToArray();
        var output = input * input.square().mean(dims, keepdim: true).add(Epsilon).rsqrt();
        if (Weight is not null)
        {
            output = output * Weight;
        }

        return output.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override string ToString() => $"RmsNorm([{string.Join(", ", _normalizedShape)}], eps={Epsilon}, affine={Weight is not null})";
}
