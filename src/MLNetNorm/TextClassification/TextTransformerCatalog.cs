using Microsoft.ML;
using MLNetNorm.Normalization;
using MLNetNorm.Training;

namespace MLNetNorm.TextClassification;

/// <summary>Extension methods that add the text transformer trainer to <c>mlContext.MulticlassClassification.Trainers</c>.</summary>
public static class TextTransformerCatalog
{
    /// <summary>
    /// Creates a <see cref="TextTransformerTrainer"/>: a transformer encoder trained from scratch that classifies the
    /// joined text columns into the classes of a key-typed label, with selectable normalization and placement.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">The options (columns, network, tokenization, validation, training).</param>
    /// <returns>The trainer.</returns>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", "Area")
    ///     .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(new TextTransformerOptions
    ///     {
    ///         TextColumnNames = ["Title", "Description"],
    ///         Norm = NormKind.LayerNorm,
    ///         Placement = NormPlacement.PreNorm,
    ///     }))
    ///     .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedArea", "PredictedLabel"));
    /// </code>
    /// </example>
    public static TextTransformerTrainer TextTransformer(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TextTransformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new TextTransformerTrainer(options, TrainingHost.FromCatalog(catalog, "TextTransformer"));
    }

    /// <summary>Creates a <see cref="TextTransformerTrainer"/> for one text column with default network options.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="textColumnName">The text column.</param>
    /// <param name="norm">The normalization in every residual connection.</param>
    /// <param name="placement">Pre-LN (with a final norm) or Post-LN.</param>
    /// <param name="layers">The number of encoder blocks.</param>
    /// <param name="epochs">The maximum number of epochs.</param>
    /// <param name="seed">The seed; drawn from the MLContext's seed when null.</param>
    /// <returns>The trainer.</returns>
    public static TextTransformerTrainer TextTransformer(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string textColumnName = "Text", NormKind norm = NormKind.LayerNorm, NormPlacement placement = NormPlacement.PreNorm,
        int layers = 2, int epochs = 10, int? seed = null) =>
        catalog.TextTransformer(labelColumnName, [textColumnName], norm, placement, layers, epochs, seed);

    /// <summary>Creates a <see cref="TextTransformerTrainer"/> for several text columns, joined in order, with default network options.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="textColumnNames">The text columns, joined in this order.</param>
    /// <param name="norm">The normalization in every residual connection.</param>
    /// <param name="placement">Pre-LN (with a final norm) or Post-LN.</param>
    /// <param name="layers">The number of encoder blocks.</param>
    /// <param name="epochs">The maximum number of epochs.</param>
    /// <param name="seed">The seed; drawn from the MLContext's seed when null.</param>
    /// <returns>The trainer.</returns>
    public static TextTransformerTrainer TextTransformer(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName, string[] textColumnNames, NormKind norm = NormKind.LayerNorm, NormPlacement placement = NormPlacement.PreNorm,
        int layers = 2, int epochs = 10, int? seed = null) =>
        catalog.TextTransformer(new TextTransformerOptions
        {
            LabelColumnName = labelColumnName,
            TextColumnNames = textColumnNames,
            Norm = norm,
            Placement = placement,
            Layers = layers,
            Epochs = epochs,
            Seed = seed,
        });
}
