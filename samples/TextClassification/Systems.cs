using Microsoft.ML;
using MLNetNorm.Normalization;
using MLNetNorm.TextClassification;

namespace TextClassificationSample;

/// <summary>A system under comparison: builds a pipeline for a split that maps the label to a key and outputs Score/PredictedLabel.</summary>
/// <param name="Name">The row label in the table.</param>
/// <param name="Build">Creates the pipeline for a split.</param>
internal sealed record TextSystem(string Name, Func<MLContext, Split, IEstimator<ITransformer>> Build)
{
    /// <summary>
    /// ML.NET's text classification recipe: FeaturizeText (word and character n-grams) + SdcaMaximumEntropy;
    /// <paramref name="smoke"/> caps SDCA at 5 passes.
    /// </summary>
    public static TextSystem Baseline(bool smoke = false) => new("ML.NET FeaturizeText + SdcaMaximumEntropy", (mlContext, split) =>
        mlContext.Transforms.Conversion.MapValueToKey("Label", split.LabelColumn)
            .Append(mlContext.Transforms.Concatenate("AllText", split.TextColumns))
            .Append(mlContext.Transforms.Text.FeaturizeText("Features", "AllText"))
            .Append(mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: smoke ? 5 : null)));

    /// <summary>
    /// The text transformer with the given norm and placement, <paramref name="ensembleSize"/> networks averaged and the
    /// loss weighted by <paramref name="weighting"/>; <paramref name="smoke"/> shrinks it to 1 narrow block.
    /// </summary>
    public static TextSystem Transformer(NormKind norm, NormPlacement placement, int epochs, int seed, bool smoke = false,
        int ensembleSize = 1, TextClassWeighting weighting = TextClassWeighting.None) =>
        new($"Transformer {Describe(norm, placement)}{Extras(ensembleSize, weighting)}", (mlContext, split) =>
        {
            var options = new TextTransformerOptions
            {
                TextColumnNames = split.TextColumns,
                Norm = norm,
                Placement = placement,
                MaxTokens = split.MaxTokens,
                Epochs = epochs,
                Seed = seed,
                Device = "cpu",
                RecordGradientStatistics = false,
                EnsembleSize = ensembleSize,
                ClassWeighting = weighting,
            };
            if (split.Sentences)
            {
                // Single sentences (MR): one wide block, max-over-time pooling and heavy dropout, the shape of Kim's
                // (2014) CNN-rand. Chosen on MR fold 0, which therefore is not an untouched test fold; documents
                // (corefx) keep the library defaults, with which max pooling did much worse there (0.53 vs 0.66).
                (options.Layers, options.ModelWidth, options.FeedForwardWidth, options.Dropout, options.Pooling) = (1, 256, 512, 0.5, TextPooling.Max);
            }

            if (smoke)
            {
                (options.Layers, options.ModelWidth, options.FeedForwardWidth) = (1, 32, 64);
            }

            return mlContext.Transforms.Conversion.MapValueToKey("Label", split.LabelColumn)
                .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(options));
        });

    private static string Extras(int ensembleSize, TextClassWeighting weighting) =>
        (ensembleSize > 1 ? $", ensemble of {ensembleSize}" : string.Empty) + weighting switch
        {
            TextClassWeighting.InverseFrequency => ", class-balanced loss",
            TextClassWeighting.InverseSquareRootFrequency => ", 1/√n class weights",
            _ => string.Empty,
        };

    private static string Describe(NormKind norm, NormPlacement placement) => norm switch
    {
        NormKind.None => "no norm",
        NormKind.RmsNorm => placement == NormPlacement.PreNorm ? "Pre-RMSNorm" : "Post-RMSNorm",
        _ => placement == NormPlacement.PreNorm ? "Pre-LN" : "Post-LN",
    };
}
