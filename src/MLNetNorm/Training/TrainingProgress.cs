namespace MLNetNorm.Training;

/// <summary>A progress report from a training run.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">The maximum number of epochs.</param>
/// <param name="Step">The optimizer steps taken so far in the whole run.</param>
/// <param name="TotalSteps">The optimizer steps of the whole run if it is not stopped early.</param>
/// <param name="TrainingLoss">The latest training loss (a step's, or the epoch's mean when <paramref name="EpochCompleted"/>).</param>
/// <param name="ValidationLoss">The epoch's validation loss, when the epoch is completed and a validation set exists.</param>
/// <param name="LearningRate">The learning rate of the latest step.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="EpochCompleted">Whether this report closes an epoch.</param>
public readonly record struct TrainingProgress(
    int Epoch, int Epochs, long Step, long TotalSteps, double TrainingLoss, double? ValidationLoss, double LearningRate, TimeSpan Elapsed, bool EpochCompleted);
