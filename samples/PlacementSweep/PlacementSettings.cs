namespace MLNetNorm.Samples.PlacementSweep;

/// <summary>The size of the placement study: the full run (≤ 15 minutes on 2 cores) or a quick smoke run.</summary>
/// <param name="Layers">Encoder blocks.</param>
/// <param name="TrainingPerClass">Training sentences per class (stratified, from folds 1–9 of MR).</param>
/// <param name="ValidationPerClass">Validation sentences per class (from fold 0 of MR).</param>
/// <param name="Epochs">Epochs per trial (early stopping is off so that every curve has the same length).</param>
/// <param name="WarmupSteps">The warmup of the "warmup" arm.</param>
public sealed record PlacementSettings(int Layers, int TrainingPerClass, int ValidationPerClass, int Epochs, int WarmupSteps)
{
    /// <summary>The full study: 6 blocks, 3,000 training and 800 validation sentences, 5 epochs (470 steps), warmup over the first ~1.6 epochs.</summary>
    public static PlacementSettings Full { get; } = new(Layers: 6, TrainingPerClass: 1500, ValidationPerClass: 400, Epochs: 5, WarmupSteps: 150);

    /// <summary>A smoke run of a minute or two: 2 blocks, 300 sentences, 2 epochs.</summary>
    public static PlacementSettings Quick { get; } = new(Layers: 2, TrainingPerClass: 150, ValidationPerClass: 60, Epochs: 2, WarmupSteps: 10);

    /// <summary>The peak learning rate (AdamW): high enough that warmup can matter.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The seed of every trial (same initialization, same batches), and of the data subset.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The validation loss whose first crossing measures convergence speed (chance level is ln 2 ≈ 0.693).</summary>
    public double TargetValidationLoss { get; init; } = 0.6;
}
