using MLNetNorm.Normalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting.Recurrent.Kernels;

/// <summary>The learned parameters and ε of one norm inside a recurrence, as the fused kernels take them.</summary>
/// <param name="Kind">Which norm.</param>
/// <param name="Weight">γ, or null when the norm has none.</param>
/// <param name="Bias">β, or null when the norm has none (RMSNorm, no norm).</param>
/// <param name="Epsilon">ε of the norm.</param>
internal sealed record RecurrentNormParameters(NormKind Kind, Tensor? Weight, Tensor? Bias, double Epsilon)
{
    /// <summary>Reads the parameters of a module made by <see cref="Normalizations.Create"/>.</summary>
    public static RecurrentNormParameters Of(NormKind kind, nn.Module<Tensor, Tensor> module) => module switch
    {
        LayerNorm norm => new(kind, norm.Weight, norm.Bias, norm.Epsilon),
        RmsNorm norm => new(kind, norm.Weight, null, norm.Epsilon),
        _ when kind == NormKind.None => new(kind, null, null, Normalizations.DefaultEpsilon),
        _ => throw new ArgumentException($"A {kind} norm cannot be a {module.GetType().Name}.", nameof(module)),
    };

    /// <summary>Whether the parameters are on the CPU in <paramref name="dtype"/>, where the kernels can read them.</summary>
    public bool IsReadableAs(ScalarType dtype) =>
        (Weight is null || (Weight.dtype == dtype && Weight.device_type == DeviceType.CPU)) &&
        (Bias is null || (Bias.dtype == dtype && Bias.device_type == DeviceType.CPU));
}
