namespace MLNetNorm.Training;

/// <summary>What one epoch of training measured.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainingLoss">The mean training loss over the epoch's steps.</param>
/// <param name="ValidationLoss">The validation loss after the epoch, or null without a validation set.</param>
/// <param name="LearningRate">The learning rate of the epoch's last step.</param>
/// <param name="GradientNorm">Statistics of the global gradient norm (before clipping) over the epoch.</param>
/// <param name="LayerGradientNorms">Per-layer gradient-norm statistics, keyed by layer name (empty when not recorded).</param>
/// <param name="Steps">The optimizer steps taken in the whole run by the end of this epoch.</param>
/// <param name="Elapsed">Time since training started, at the end of the epoch.</param>
public sealed record EpochRecord(
    int Epoch,
    double TrainingLoss,
    double? ValidationLoss,
    double LearningRate,
    GradientNormStatistics GradientNorm,
    IReadOnlyDictionary<string, GradientNormStatistics> LayerGradientNorms,
    long Steps,
    TimeSpan Elapsed);
