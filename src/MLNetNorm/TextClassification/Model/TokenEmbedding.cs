using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.TextClassification.Model;

/// <summary>Token embeddings plus learned absolute position embeddings, followed by dropout.</summary>
/// <remarks>
/// Learned positions (as in BERT) rather than sinusoids: sequences are short and capped at a fixed length, and the
/// table costs only <c>maxTokens × width</c> parameters. The padding row is kept at zero and receives no gradient.
/// </remarks>
internal sealed class TokenEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Embedding tokens;
    private readonly Embedding positions;
    private readonly Dropout dropout;

    /// <summary>Creates the embedding for <paramref name="vocabularySize"/> tokens and <paramref name="maxTokens"/> positions.</summary>
    public TokenEmbedding(int vocabularySize, int maxTokens, int width, double dropoutProbability, long paddingId)
        : base(nameof(TokenEmbedding))
    {
        tokens = nn.Embedding(vocabularySize, width, padding_idx: paddingId);
        positions = nn.Embedding(maxTokens, width);
        dropout = nn.Dropout(dropoutProbability);
        using (no_grad())
        {
            // N(0, 0.02) as in GPT/BERT: unit-variance embeddings would swamp the residual stream of a small model.
            nn.init.normal_(tokens.weight!, 0, 0.02);
            tokens.weight![paddingId].zero_();
            nn.init.normal_(positions.weight!, 0, 0.02);
        }

        RegisterComponents();
    }

    /// <summary>
    /// Makes each of <paramref name="ids"/> embed exactly like <paramref name="unknownId"/>, as if the tokenizer mapped it
    /// to the unknown token: for tokens a network never saw in training, whose rows hold only their initialization.
    /// </summary>
    /// <param name="ids">The token ids to alias.</param>
    /// <param name="unknownId">The unknown token's id.</param>
    public void AliasToUnknown(IReadOnlyCollection<long> ids, long unknownId)
    {
        if (ids.Count == 0)
        {
            return;
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var weight = tokens.weight!;
        var index = tensor(ids.ToArray(), device: weight.device);
        // A copy of the [UNK] row: the source of index_copy_ must not overlap the rows it writes.
        weight.index_copy_(0, index, weight[unknownId].clone().unsqueeze(0).expand(ids.Count, -1).contiguous());
    }

    /// <summary>Embeds token ids of shape (batch, time) into (batch, time, width).</summary>
    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var positionIds = arange(ids.shape[1], dtype: ScalarType.Int64, device: ids.device);
        return dropout.call(tokens.call(ids) + positions.call(positionIds)).MoveToOuterDisposeScope();
    }
}
