using MLNetNorm.Normalization;

namespace MLNetNorm.TextClassification.Model;

/// <summary>The shape of a text transformer network: everything needed to rebuild it before loading its weights.</summary>
/// <param name="VocabularySize">Token ids, special ones included.</param>
/// <param name="Classes">Output classes.</param>
/// <param name="MaxTokens">Longest sequence, the classification token included (the number of learned positions).</param>
/// <param name="Width">The model width d (embedding and residual stream size).</param>
/// <param name="Heads">Attention heads; must divide <paramref name="Width"/>.</param>
/// <param name="Layers">Encoder blocks.</param>
/// <param name="FeedForwardWidth">The hidden size of each block's feed-forward sublayer.</param>
/// <param name="Dropout">Dropout probability on embeddings, attention weights, sublayer outputs and the head input.</param>
/// <param name="Norm">The normalization in every residual connection (and the final norm of a Pre-LN stack).</param>
/// <param name="Placement">Pre-LN (with a final norm) or Post-LN.</param>
/// <param name="Pooling">How token states become the classifier input.</param>
internal sealed record TextTransformerArchitecture(
    int VocabularySize, int Classes, int MaxTokens, int Width, int Heads, int Layers, int FeedForwardWidth, double Dropout,
    NormKind Norm, NormPlacement Placement, TextPooling Pooling)
{
    /// <summary>Writes the architecture.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(VocabularySize);
        writer.Write(Classes);
        writer.Write(MaxTokens);
        writer.Write(Width);
        writer.Write(Heads);
        writer.Write(Layers);
        writer.Write(FeedForwardWidth);
        writer.Write(Dropout);
        writer.Write((int)Norm);
        writer.Write((int)Placement);
        writer.Write((int)Pooling);
    }

    /// <summary>Reads an architecture written by <see cref="Write"/>, rejecting impossible values.</summary>
    public static TextTransformerArchitecture Read(BinaryReader reader)
    {
        var architecture = new TextTransformerArchitecture(
            reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(),
            reader.ReadDouble(), Persistence.ModelPersistence.ReadEnum<NormKind>(reader), Persistence.ModelPersistence.ReadEnum<NormPlacement>(reader),
            Persistence.ModelPersistence.ReadEnum<TextPooling>(reader));
        var valid = architecture is { VocabularySize: > 0, Classes: >= 2, MaxTokens: >= 2, Width: > 0, Heads: > 0, Layers: >= 0, FeedForwardWidth: > 0, Dropout: >= 0 and < 1 }
                    && architecture.Width % architecture.Heads == 0;
        return valid ? architecture : throw new InvalidDataException($"The stored text transformer architecture is invalid: {architecture}.");
    }
}
