using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;

namespace MLNetNorm.Sweeping;

/// <summary>The outcome of a sweep: every trial of the study, the leaderboard, and the best trial with its parameters and saved model.</summary>
public sealed class SweepResult
{
    internal SweepResult(IReadOnlyList<TrialRecord> trials, Leaderboard leaderboard, int trialsRun, TimeSpan elapsed, bool budgetExhausted)
        => (Trials, Leaderboard, TrialsRun, Elapsed, BudgetExhausted) = (trials, leaderboard, trialsRun, elapsed, budgetExhausted);

    /// <summary>Gets every trial of the study (including those of earlier runs and other workers), by number.</summary>
    public IReadOnlyList<TrialRecord> Trials { get; }

    /// <summary>Gets the ranked trials.</summary>
    public Leaderboard Leaderboard { get; }

    /// <summary>Gets the best completed trial, or null when none completed with a finite metric.</summary>
    public TrialRecord? BestTrial => Leaderboard.Best?.Trial;

    /// <summary>Gets the best trial's parameters, or null.</summary>
    public ParameterSet? BestParameters => BestTrial?.Parameters;

    /// <summary>Gets the model zip the best trial saved, or null.</summary>
    public string? BestModelPath => BestTrial?.ModelPath;

    /// <summary>Gets the number of trials this run finished (completed, pruned or failed).</summary>
    public int TrialsRun { get; }

    /// <summary>Gets the run's wall time.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Gets a value indicating whether the run stopped because its time budget ended.</summary>
    public bool BudgetExhausted { get; }
}
