using MLNetNorm.Training;

namespace MLNetNorm.Sweeping.Trials;

/// <summary>
/// The figures of a training run that the normalization literature compares: final and best losses, convergence
/// speed (optimizer steps to a target validation loss), gradient stability (per-layer gradient-norm statistics and the
/// divergence flag), parameter count and training time. Made from a <see cref="TrainingHistory"/> by <see cref="FromHistory"/>.
/// </summary>
/// <param name="Epochs">The epochs completed.</param>
/// <param name="BestEpoch">The epoch whose weights the model kept.</param>
/// <param name="Steps">The optimizer steps taken.</param>
/// <param name="FinalTrainingLoss">The last epoch's mean training loss, or null if no epoch completed.</param>
/// <param name="FinalValidationLoss">The last epoch's validation loss, or null.</param>
/// <param name="BestValidationLoss">The best validation loss, or null without validation.</param>
/// <param name="TargetValidationLoss">The validation loss that defines convergence speed, or null when none was given.</param>
/// <param name="StepsToTarget">The optimizer steps taken when the validation loss first reached the target, or null if it never did.</param>
/// <param name="Diverged">Whether the loss became non-finite or exploded.</param>
/// <param name="StoppedEarly">Whether early stopping ended training.</param>
/// <param name="ParameterCount">The trainable parameters of the model.</param>
/// <param name="TrainingTime">The wall time of training.</param>
/// <param name="GradientNorm">Statistics of the global gradient norm (before clipping).</param>
/// <param name="LayerGradientNorms">Statistics per layer, keyed by layer name (empty when not recorded).</param>
public sealed record TrainingSummary(
    int Epochs,
    int BestEpoch,
    long Steps,
    double? FinalTrainingLoss,
    double? FinalValidationLoss,
    double? BestValidationLoss,
    double? TargetValidationLoss,
    long? StepsToTarget,
    bool Diverged,
    bool StoppedEarly,
    long ParameterCount,
    TimeSpan TrainingTime,
    GradientNormSummary? GradientNorm,
    IReadOnlyDictionary<string, GradientNormSummary> LayerGradientNorms)
{
    /// <summary>Summarizes <paramref name="history"/>.</summary>
    /// <param name="history">The history returned by training.</param>
    /// <param name="targetValidationLoss">The validation loss whose first crossing measures convergence speed; null to skip.</param>
    public static TrainingSummary FromHistory(TrainingHistory history, double? targetValidationLoss = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Epochs;
        var layers = epochs.SelectMany(e => e.LayerGradientNorms.Keys).Distinct().Order(StringComparer.Ordinal)
            .ToDictionary(name => name, name => Summarize(epochs.Where(e => e.LayerGradientNorms.ContainsKey(name)).Select(e => e.LayerGradientNorms[name]).ToList()));
        return new TrainingSummary(
            epochs.Count,
            history.BestEpoch,
            epochs.Count > 0 ? epochs[^1].Steps : 0,
            epochs.Count > 0 ? epochs[^1].TrainingLoss : null,
            epochs.Count > 0 ? epochs[^1].ValidationLoss : null,
            history.BestValidationLoss,
            targetValidationLoss,
            targetValidationLoss is { } target ? history.StepsToValidationLoss(target) : null,
            history.Diverged,
            history.StoppedEarly,
            history.ParameterCount,
            history.Duration,
            epochs.Count > 0 ? Summarize(epochs.Select(e => e.GradientNorm).ToList()) : null,
            layers);
    }

    private static GradientNormSummary Summarize(IReadOnlyList<GradientNormStatistics> perEpoch)
    {
        var mean = perEpoch.Average(s => s.Mean);
        var max = perEpoch.Max(s => s.Max);
        return new GradientNormSummary(mean, max, perEpoch[^1].Last, mean > 0 ? max / mean : double.NaN);
    }
}
