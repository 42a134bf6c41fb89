using Microsoft.ML;
using MLNetNorm.Normalization;
using MLNetNorm.Training;

namespace MLNetNorm.TextClassification;

/// <summary>
/// Options of the text transformer trainer
/// (<see cref="TextTransformerCatalog.TextTransformer(MulticlassClassificationCatalog.MulticlassClassificationTrainers, TextTransformerOptions)"/>):
/// the columns, the network, the tokenization, the validation set, and the shared training options of <see cref="NeuralTrainerOptions"/>.
/// </summary>
/// <remarks>
/// The defaults (width 128, 2 blocks, 4 heads, mean pooling, dropout 0.1, 100 warmup steps) train in minutes on two CPU
/// cores on datasets of a few thousand sentences. Warmup matters for <see cref="NormPlacement.PostNorm"/> (Xiong et al.,
/// 2020); with <see cref="NormKind.None"/>, lower the learning rate if training diverges.
/// </remarks>
public sealed class TextTransformerOptions : NeuralTrainerOptions
{
    /// <summary>Creates options with defaults suited to small text classification data sets.</summary>
    public TextTransformerOptions()
    {
        Epochs = 10;
        BatchSize = 32;
        LearningRate = 5e-4;
        WarmupSteps = 100;
        EarlyStoppingPatience = 3;
    }

    /// <summary>Gets or sets the label column: a key type (apply <c>mlContext.Transforms.Conversion.MapValueToKey</c> first).</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Gets or sets the text columns; they are joined in order, separated by a line break.</summary>
    public string[] TextColumnNames { get; set; } = ["Text"];

    /// <summary>Gets or sets the normalization in every residual connection.</summary>
    public NormKind Norm { get; set; } = NormKind.LayerNorm;

    /// <summary>Gets or sets where the norms go: Pre-LN (with a final norm after the last block) or Post-LN.</summary>
    public NormPlacement Placement { get; set; } = NormPlacement.PreNorm;

    /// <summary>Gets or sets the number of encoder blocks.</summary>
    public int Layers { get; set; } = 2;

    /// <summary>Gets or sets the number of attention heads; must divide <see cref="ModelWidth"/>.</summary>
    public int Heads { get; set; } = 4;

    /// <summary>Gets or sets the model width (embedding and residual stream size).</summary>
    public int ModelWidth { get; set; } = 128;

    /// <summary>Gets or sets the hidden size of the feed-forward sublayers.</summary>
    public int FeedForwardWidth { get; set; } = 256;

    /// <summary>Gets or sets the dropout probability (embeddings, attention weights, sublayer outputs, classifier input).</summary>
    public double Dropout { get; set; } = 0.1;

    /// <summary>
    /// Gets or sets the probability that a training token is replaced by the unknown token (word dropout, as in
    /// Bowman et al. 2016): it keeps a small-data model from leaning on single words and teaches it the unknown
    /// token that unseen words map to at prediction time. 0 turns it off; prediction never drops tokens.
    /// </summary>
    public double TokenDropout { get; set; }

    /// <summary>
    /// Gets or sets how the training (and validation) loss weights the classes. On imbalanced data,
    /// <see cref="TextClassWeighting.InverseFrequency"/> or <see cref="TextClassWeighting.InverseSquareRootFrequency"/>
    /// raise recall on the rare classes and so the macro-averaged metrics; <see cref="TextClassWeighting.None"/> (the
    /// default) maximizes micro accuracy. Training only: the saved model does not depend on it.
    /// </summary>
    public TextClassWeighting ClassWeighting { get; set; } = TextClassWeighting.None;

    /// <summary>
    /// Gets or sets how many networks are trained, member k from seed <c>Seed + k</c> (so member 0 is the single network
    /// of the same seed), each with its own early stopping on its own held-out slice (see <see cref="ValidationFraction"/>);
    /// the model outputs the mean of their class probabilities.
    /// Training time and prediction latency grow linearly; accuracy usually improves (1 = a single network).
    /// </summary>
    public int EnsembleSize { get; set; } = 1;

    /// <summary>Gets or sets how token states become the classifier input.</summary>
    public TextPooling Pooling { get; set; } = TextPooling.Mean;

    /// <summary>Gets or sets the most tokens per example, the classification token included; longer text is truncated at the end.</summary>
    public int MaxTokens { get; set; } = 128;

    /// <summary>Gets or sets how often a token must occur in the training text to get its own embedding; rarer tokens share [UNK].</summary>
    public int MinTokenCount { get; set; } = 2;

    /// <summary>Gets or sets the largest vocabulary, special tokens included; the most frequent tokens are kept.</summary>
    public int MaxVocabularySize { get; set; } = 30_000;

    /// <summary>Gets or sets an explicit validation set with the same columns; when null, <see cref="ValidationFraction"/> of the training rows is held out.</summary>
    public IDataView? ValidationData { get; set; }

    /// <summary>
    /// Gets or sets the fraction of training rows held out (seeded) for validation and early stopping when
    /// <see cref="ValidationData"/> is null; 0 for none. Data with fewer than 10 labelled rows is never split. Each
    /// ensemble member holds out its own random slice, drawn from its seed, so different members hold out different
    /// rows and most rows train most members; the vocabulary is always built from all training rows.
    /// </summary>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>
    /// Gets or sets how many batches' worth of shuffled examples are sorted by length together before being cut into
    /// batches: larger chunks pad less, smaller ones keep batches more random. 1 disables length bucketing.
    /// </summary>
    public int LengthBucketBatches { get; set; } = 50;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Check(!string.IsNullOrWhiteSpace(LabelColumnName), LabelColumnName ?? "null", nameof(LabelColumnName), "must name a column");
        Check(TextColumnNames is { Length: > 0 } && TextColumnNames.All(n => !string.IsNullOrWhiteSpace(n)),
            TextColumnNames is null ? "null" : string.Join(",", TextColumnNames), nameof(TextColumnNames), "must name at least one column, none of them empty");
        Check(Enum.IsDefined(Norm), Norm, nameof(Norm), "must be LayerNorm, RmsNorm or None");
        Check(Enum.IsDefined(Placement), Placement, nameof(Placement), "must be PreNorm or PostNorm");
        Check(Enum.IsDefined(Pooling), Pooling, nameof(Pooling), "must be Mean, FirstToken or Max");
        Check(Enum.IsDefined(ClassWeighting), ClassWeighting, nameof(ClassWeighting), "must be None, InverseFrequency or InverseSquareRootFrequency");
        Check(EnsembleSize is >= 1 and <= 100, EnsembleSize, nameof(EnsembleSize), "must be between 1 and 100");
        Check(Layers >= 0, Layers, nameof(Layers), "must be zero or positive");
        Positive(Heads, nameof(Heads));
        Positive(ModelWidth, nameof(ModelWidth));
        Check(ModelWidth % Heads == 0, ModelWidth, nameof(ModelWidth), $"must be a multiple of Heads ({Heads})");
        Positive(FeedForwardWidth, nameof(FeedForwardWidth));
        Check(Dropout is >= 0 and < 1, Dropout, nameof(Dropout), "must be in [0, 1)");
        Check(TokenDropout is >= 0 and < 1, TokenDropout, nameof(TokenDropout), "must be in [0, 1)");
        Check(MaxTokens >= 2, MaxTokens, nameof(MaxTokens), "must be at least 2 (the classification token and one text token)");
        Positive(MinTokenCount, nameof(MinTokenCount));
        Check(MaxVocabularySize > 3, MaxVocabularySize, nameof(MaxVocabularySize), "must exceed the 3 special tokens");
        Check(ValidationFraction is >= 0 and < 1, ValidationFraction, nameof(ValidationFraction), "must be in [0, 1)");
        Positive(LengthBucketBatches, nameof(LengthBucketBatches));
    }
}
