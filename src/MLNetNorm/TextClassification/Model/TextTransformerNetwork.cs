using MLNetNorm.Normalization;
using MLNetNorm.TextClassification.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.TextClassification.Model;

/// <summary>
/// The text classifier network: <see cref="TokenEmbedding"/>, a stack of <see cref="EncoderBlock"/>s, the stack's
/// final norm (<see cref="Normalizations.CreateFinal"/>: a norm for Pre-LN, none for Post-LN), pooling and a linear head
/// that returns class logits.
/// </summary>
internal sealed class TextTransformerNetwork : nn.Module<Tensor, Tensor>
{
    private readonly TokenEmbedding embedding;
    private readonly ModuleList<EncoderBlock> blocks;
    private readonly nn.Module<Tensor, Tensor> finalNorm;
    private readonly Dropout headDropout;
    private readonly Linear head;

    /// <summary>Creates a network with freshly initialized weights (seed with <c>torch.manual_seed</c> first).</summary>
    public TextTransformerNetwork(TextTransformerArchitecture architecture)
        : base(nameof(TextTransformerNetwork))
    {
        Architecture = architecture;
        embedding = new TokenEmbedding(architecture.VocabularySize, architecture.MaxTokens, architecture.Width, architecture.Dropout, TokenVocabulary.Padding);
        blocks = nn.ModuleList(Enumerable.Range(0, architecture.Layers).Select(_ => new EncoderBlock(architecture)).ToArray());
        finalNorm = Normalizations.CreateFinal(architecture.Norm, architecture.Placement, architecture.Width);
        headDropout = nn.Dropout(architecture.Dropout);
        head = nn.Linear(architecture.Width, architecture.Classes);
        RegisterComponents();
    }

    /// <summary>Gets the architecture.</summary>
    public TextTransformerArchitecture Architecture { get; }

    /// <summary>Makes the network treat each of <paramref name="ids"/> as the unknown token (see <see cref="TokenEmbedding.AliasToUnknown"/>).</summary>
    /// <param name="ids">Token ids the network never trained on.</param>
    public void TreatAsUnknown(IReadOnlyCollection<long> ids) => embedding.AliasToUnknown(ids, TokenVocabulary.Unknown);

    /// <summary>Returns class logits (batch, classes) for padded token ids (batch, time); padding is <see cref="TokenVocabulary.Padding"/>.</summary>
    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var mask = ids.ne(TokenVocabulary.Padding);
        var states = embedding.call(ids);
        foreach (var block in blocks)
        {
            states = block.call(states, mask);
        }

        states = finalNorm.call(states);
        var pooled = Architecture.Pooling switch
        {
            TextPooling.FirstToken => states.select(1, 0),
            TextPooling.Max => states.masked_fill(mask.logical_not().unsqueeze(-1), float.NegativeInfinity).amax(1),
            _ => (states * mask.unsqueeze(-1).to_type(states.dtype)).sum(1) / mask.sum(1, keepdim: true, type: states.dtype),
        };
        return head.call(headDropout.call(pooled)).MoveToOuterDisposeScope();
    }
}
