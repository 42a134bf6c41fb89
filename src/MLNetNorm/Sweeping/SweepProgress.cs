using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;

namespace MLNetNorm.Sweeping;

/// <summary>What a <see cref="SweepProgress"/> report announces.</summary>
public enum SweepEvent
{
    /// <summary>A trial was claimed and started.</summary>
    TrialStarted,

    /// <summary>A running trial reported an intermediate value.</summary>
    TrialReported,

    /// <summary>A trial completed, was pruned or failed.</summary>
    TrialFinished,
}

/// <summary>A progress report of a sweep.</summary>
/// <param name="Event">What happened.</param>
/// <param name="TrialNumber">The trial concerned.</param>
/// <param name="Parameters">The trial's parameters.</param>
/// <param name="State">The trial's state after the event.</param>
/// <param name="Step">The reported step, for <see cref="SweepEvent.TrialReported"/>.</param>
/// <param name="Value">The reported intermediate value, or the optimized metric of a finished trial.</param>
/// <param name="TrialsFinished">The trials this run has finished (completed, pruned or failed).</param>
/// <param name="MaxTrials">The study's trial limit, or null.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="TimeBudget">The run's time budget, or null.</param>
/// <param name="BestValue">The best metric value among the trials this run has finished, or null.</param>
public readonly record struct SweepProgress(
    SweepEvent Event,
    int TrialNumber,
    ParameterSet Parameters,
    TrialState State,
    long? Step,
    double? Value,
    int TrialsFinished,
    int? MaxTrials,
    TimeSpan Elapsed,
    TimeSpan? TimeBudget,
    double? BestValue);
