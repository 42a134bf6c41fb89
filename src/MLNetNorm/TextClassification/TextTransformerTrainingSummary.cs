using MLNetNorm.Training;

namespace MLNetNorm.TextClassification;

/// <summary>What happened while a text transformer was trained (available on models fitted in this process, not on loaded ones).</summary>
/// <param name="Members">The learning curves and outcome of each network's training loop, one per ensemble member.</param>
/// <param name="TrainingTokens">The real (non-padding) tokens processed by the optimizer steps of all members, for throughput.</param>
public sealed record TextTransformerTrainingSummary(IReadOnlyList<TrainingHistory> Members, long TrainingTokens)
{
    /// <summary>Gets the learning curves of the first network (the only one unless <see cref="TextTransformerOptions.EnsembleSize"/> is above 1).</summary>
    public TrainingHistory History => Members[0];

    /// <summary>Gets the wall time of training every member (validation included).</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Members.Sum(m => m.Duration.Ticks));

    /// <summary>Gets the training throughput in tokens per second of wall time (validation included).</summary>
    public double TokensPerSecond => Duration.TotalSeconds > 0 ? TrainingTokens / Duration.TotalSeconds : 0;
}
