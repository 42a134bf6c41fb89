namespace MLNetNorm.Normalization;

/// <summary>Where a residual block applies its normalization relative to the residual connection.</summary>
/// <remarks>
/// Xiong et al. (2020), "On Layer Normalization in the Transformer Architecture", show that Post-LN transformers need a
/// learning-rate warmup to train stably because the gradients of the last layers are large at initialization, while
/// Pre-LN transformers keep well-behaved gradients and train without warmup.
/// </remarks>
public enum NormPlacement
{
    /// <summary>Pre-LN: <c>x + Sublayer(Norm(x))</c>, with one extra norm after the last block.</summary>
    PreNorm,

    /// <summary>Post-LN, as in the original Transformer: <c>Norm(x + Sublayer(x))</c>.</summary>
    PostNorm,
}
