using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Normalization;

/// <summary>The one factory that turns a <see cref="NormKind"/> into a module; every model builds its norms here.</summary>
public static class Normalizations
{
    /// <summary>The default ε for every kind, as in PyTorch's <c>LayerNorm</c>.</summary>
    public const double DefaultEpsilon = 1e-5;

    /// <summary>Creates the normalization module for <paramref name="kind"/> over a last dimension of <paramref name="features"/>.</summary>
    /// <param name="kind">Which normalization; <see cref="NormKind.None"/> gives the identity.</param>
    /// <param name="features">The size of the normalized (last) dimension.</param>
    /// <param name="epsilon">ε for the variance or mean square; must be positive.</param>
    /// <param name="elementwiseAffine">Whether the module learns γ (and, for LayerNorm, β).</param>
    /// <returns>A module mapping a tensor to a tensor of the same shape.</returns>
    public static nn.Module<Tensor, Tensor> Create(NormKind kind, long features, double epsilon = DefaultEpsilon, bool elementwiseAffine = true) =>
        kind switch
        {
            NormKind.LayerNorm => new LayerNorm([features], epsilon, elementwiseAffine),
            NormKind.RmsNorm => new RmsNorm([features], epsilon, elementwiseAffine),
            NormKind.None => nn.Identity(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown normalization kind {kind}."),
        };

    /// <summary>
    /// Creates the norm that follows the last block of a stack: <paramref name="kind"/>'s norm for Pre-LN (whose
    /// residual stream is otherwise never normalized), the identity for Post-LN (whose blocks already end in a norm).
    /// </summary>
    /// <param name="kind">Which normalization.</param>
    /// <param name="placement">Where the blocks of the stack place their norms.</param>
    /// <param name="features">The model width.</param>
    /// <param name="epsilon">ε for the norm.</param>
    /// <returns>The final norm module, possibly the identity.</returns>
    public static nn.Module<Tensor, Tensor> CreateFinal(NormKind kind, NormPlacement placement, long features, double epsilon = DefaultEpsilon) =>
        placement == NormPlacement.PreNorm ? Create(kind, features, epsilon) : nn.Identity();

    /// <summary>Returns <paramref name="epsilon"/> when it is positive and finite, and throws otherwise.</summary>
    internal static double ValidateEpsilon(double epsilon) =>
        double.IsFinite(epsilon) && epsilon > 0
            ? epsilon
            : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be a positive finite number (e.g. 1e-5).");
}
