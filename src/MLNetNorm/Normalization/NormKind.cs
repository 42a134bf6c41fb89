namespace MLNetNorm.Normalization;

/// <summary>Which normalization a layer applies to its activations.</summary>
/// <remarks>
/// One enum flows unchanged from the command line (<c>--norm layer|rms|none</c>) through the estimator options to
/// <see cref="Normalizations.Create"/>, the one place that turns it into a module.
/// </remarks>
public enum NormKind
{
    /// <summary>
    /// Layer Normalization (Ba, Kiros and Hinton, 2016): subtract the mean and divide by the standard deviation over
    /// the normalized features, then scale by γ and shift by β.
    /// </summary>
    LayerNorm,

    /// <summary>
    /// Root-mean-square normalization (Zhang and Sennrich, 2019): divide by the root mean square over the normalized
    /// features, then scale by γ. No centering and no β, so it is cheaper than <see cref="LayerNorm"/>.
    /// </summary>
    RmsNorm,

    /// <summary>No normalization: the identity. The ablation baseline.</summary>
    None,
}
