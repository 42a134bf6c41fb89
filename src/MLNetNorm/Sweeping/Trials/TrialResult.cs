namespace MLNetNorm.Sweeping.Trials;

/// <summary>What an objective returns for one trial: its evaluation metrics and, optionally, training figures, inference latency and the saved model.</summary>
public sealed class TrialResult
{
    /// <summary>Gets the evaluation metrics by name (e.g. <c>MAE</c>, <c>MacroAccuracy</c>); the sweep optimizes the one named in <see cref="SweepOptions.Metric"/>.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Gets the training figures (see <see cref="TrainingSummary.FromHistory"/>), or null for objectives without a training loop.</summary>
    public TrainingSummary? Training { get; init; }

    /// <summary>Gets the mean time to score one example (or one batch, as the objective documents), measured by the objective; null when not measured.</summary>
    public TimeSpan? InferenceLatency { get; init; }

    /// <summary>Gets the path of the fitted model's zip saved by the objective (see <see cref="TrialContext.ModelPath"/>), or null.</summary>
    public string? ModelPath { get; init; }
}
