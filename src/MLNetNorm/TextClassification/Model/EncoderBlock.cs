using MLNetNorm.Normalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.TextClassification.Model;

/// <summary>
/// One transformer encoder block: self-attention and feed-forward sublayers, each inside a
/// <see cref="ResidualConnection"/> that places the norm before (Pre-LN) or after (Post-LN) it.
/// </summary>
internal sealed class EncoderBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly MultiHeadSelfAttention attention;
    private readonly ResidualConnection attentionResidual;
    private readonly FeedForward feedForward;
    private readonly ResidualConnection feedForwardResidual;

    /// <summary>Creates a block of the given architecture.</summary>
    public EncoderBlock(TextTransformerArchitecture architecture)
        : base(nameof(EncoderBlock))
    {
        var (width, dropout) = (architecture.Width, architecture.Dropout);
        attention = new MultiHeadSelfAttention(width, architecture.Heads, dropout);
        attentionResidual = new ResidualConnection(architecture.Norm, architecture.Placement, width, dropout);
        feedForward = new FeedForward(width, architecture.FeedForwardWidth, dropout);
        feedForwardResidual = new ResidualConnection(architecture.Norm, architecture.Placement, width, dropout);
        RegisterComponents();
    }

    /// <summary>Updates the residual stream (batch, time, width); <paramref name="tokenMask"/> is true at real tokens.</summary>
    public override Tensor forward(Tensor input, Tensor tokenMask)
    {
        using var scope = NewDisposeScope();
        var attended = attentionResidual.forward(input, h => attention.call(h, tokenMask));
        return feedForwardResidual.forward(attended, h => feedForward.call(h)).MoveToOuterDisposeScope();
    }
}
