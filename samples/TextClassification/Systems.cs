using Microsoft.ML;
using MLNetNorm.Normalization;
using MLNetNorm.TextClassification;

namespace TextClassificationSample;

/// <summary>A system under comparison: builds a pipeline for a split that maps the label to a key and outputs Score/PredictedLabel.</summary>
/// <param name="Name">The row label in the table.</param>
/// <param name="Build">Creates the pipeline for a split.</param>
internal sealed record TextSystem(string Name, Func<MLContext, Split, IEstimator<ITransformer>> Build)
{
    /// <summary>ML.NET's text classification recipe: FeaturizeText (word and character n-grams) + SdcaMaximumEntropy.</summary>
    public static TextSystem Baseline { get; } = new("ML.NET FeaturizeText + SdcaMaximumEntropy", (mlContext, split) =>
        mlContext.Transforms.Conversion.MapValueToKey("Label", split.LabelColumn)
            .Append(mlContext.Transforms.Concatenate("AllText", split.TextColumns))
            .Append(mlContext.Transforms.Text.FeaturizeText("Features", "AllText"))
            .Append(mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy()));

    /// <summary>The text transformer with the given norm and placement.</summary>
    public static TextSystem Transformer(NormKind norm, NormPlacement placement, int epochs, int seed) =>
        new($"Transformer {Describe(norm, placement)}", (mlContext, split) =>
            mlContext.Transforms.Conversion.MapValueToKey("Label", split.LabelColumn)
                .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(new TextTransformerOptions
                {
                    TextColumnNames = split.TextColumns,
                    Norm = norm,
                    Placement = placement,
                    MaxTokens = split.MaxTokens,
                    Epochs = epochs,
                    Seed = seed,
                    Device = "cpu",
                    RecordGradientStatistics = false,
                })));

    private static string Describe(NormKind norm, NormPlacement placement) => norm switch
    {
        NormKind.None => "no norm",
        NormKind.RmsNorm => placement == NormPlacement.PreNorm ? "Pre-RMSNorm" : "Post-RMSNorm",
        _ => placement == NormPlacement.PreNorm ? "Pre-LN" : "Post-LN",
    };
}
