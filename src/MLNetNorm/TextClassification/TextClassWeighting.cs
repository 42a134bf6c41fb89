namespace MLNetNorm.TextClassification;

/// <summary>
/// How the training loss weights the classes (<see cref="TextTransformerOptions.ClassWeighting"/>). Weighting the rare
/// classes up trades some accuracy on the frequent classes for recall on the rare ones, which raises macro-averaged
/// metrics on imbalanced data.
/// </summary>
public enum TextClassWeighting
{
    /// <summary>Every example counts the same (plain cross-entropy): best for micro accuracy.</summary>
    None,

    /// <summary>
    /// A class's weight is proportional to 1 / (its training count), so every class contributes equally to the loss
    /// (scikit-learn's "balanced"); best for macro accuracy, at some cost in micro accuracy.
    /// </summary>
    InverseFrequency,

    /// <summary>A class's weight is proportional to 1 / √(its training count): a compromise between <see cref="None"/> and <see cref="InverseFrequency"/>.</summary>
    InverseSquareRootFrequency,
}
