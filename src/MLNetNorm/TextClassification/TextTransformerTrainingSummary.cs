using MLNetNorm.Training;

namespace MLNetNorm.TextClassification;

/// <summary>What happened while a text transformer was trained (available on models fitted in this process, not on loaded ones).</summary>
/// <param name="History">The learning curves and outcome of the training loop.</param>
/// <param name="TrainingTokens">The real (non-padding) tokens processed by the optimizer steps, for throughput.</param>
public sealed record TextTransformerTrainingSummary(TrainingHistory History, long TrainingTokens)
{
    /// <summary>Gets the training throughput in tokens per second of wall time (validation included).</summary>
    public double TokensPerSecond => History.Duration.TotalSeconds > 0 ? TrainingTokens / History.Duration.TotalSeconds : 0;
}
