namespace MLNetNorm.Samples.PlacementSweep;

/// <summary>The size of the placement study: the full run (about 5 minutes on 2 cores), a quick run or a smoke run.</summary>
/// <param name="Layers">Encoder blocks.</param>
/// <param name="TrainingPerClass">Training sentences per class (stratified, from folds 1–9 of MR).</param>
/// <param name="ValidationPerClass">Validation sentences per class (from fold 0 of MR).</param>
/// <param name="Epochs">Epochs per trial (early stopping is off so that every curve has the same length).</param>
/// <param name="WarmupSteps">The warmup of the "warmup" arm.</param>
public sealed record PlacementSettings(int Layers, int TrainingPerClass, int ValidationPerClass, int Epochs, int WarmupSteps)
{
    /// <summary>The full study: 6 blocks, 3,000 training and 800 validation sentences, 5 epochs (470 steps), warmup over the first ~1.6 epochs.</summary>
    public static PlacementSettings Full { get; } = new(Layers: 6, TrainingPerClass: 1500, ValidationPerClass: 400, Epochs: 5, WarmupSteps: 150);

    /// <summary>A quick look of a minute or two: 2 blocks, 300 sentences, 2 epochs.</summary>
    public static PlacementSettings Quick { get; } = new(Layers: 2, TrainingPerClass: 150, ValidationPerClass: 60, Epochs: 2, WarmupSteps: 10);

    /// <summary>
    /// A smoke run of seconds that checks the whole path (12 trials, table, charts) rather than measuring anything:
    /// 2 narrow blocks, 64 sentences, 2 epochs.
    /// </summary>
    public static PlacementSettings Smoke { get; } = new(Layers: 2, TrainingPerClass: 32, ValidationPerClass: 16, Epochs: 2, WarmupSteps: 2)
    {
        ModelWidth = 16,
        FeedForwardWidth = 32,
    };

    /// <summary>The model width (4 heads share it).</summary>
    public int ModelWidth { get; init; } = 64;

    /// <summary>The feed-forward width of each block.</summary>
    public int FeedForwardWidth { get; init; } = 128;

    /// <summary>The peak learning rate (AdamW): high enough that warmup can matter.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The seed of every trial (same initialization, same batches), and of the data subset.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The validation loss whose first crossing measures convergence speed (chance level is ln 2 ≈ 0.693).</summary>
    public double TargetValidationLoss { get; init; } = 0.6;
}
