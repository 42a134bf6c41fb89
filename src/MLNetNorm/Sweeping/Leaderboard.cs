using MLNetNorm.Sweeping.Trials;

namespace MLNetNorm.Sweeping;

/// <summary>One row of a <see cref="Leaderboard"/>.</summary>
/// <param name="Rank">The position on the board, from 1.</param>
/// <param name="Trial">The trial.</param>
/// <param name="Value">The trial's value of the optimized metric, or null when it has none.</param>
public sealed record LeaderboardRow(int Rank, TrialRecord Trial, double? Value);

/// <summary>
/// The trials of a study ranked for display: completed trials by the optimized metric (best first, non-finite values
/// last), then pruned trials (the longest learning curves first), then failed, running and queued ones.
/// </summary>
public sealed class Leaderboard
{
    private Leaderboard(string metric, OptimizationDirection direction, IReadOnlyList<LeaderboardRow> rows) => (Metric, Direction, Rows) = (metric, direction, rows);

    /// <summary>Gets the optimized metric.</summary>
    public string Metric { get; }

    /// <summary>Gets the metric's direction.</summary>
    public OptimizationDirection Direction { get; }

    /// <summary>Gets the ranked rows.</summary>
    public IReadOnlyList<LeaderboardRow> Rows { get; }

    /// <summary>Gets the best completed trial with a finite metric value, or null.</summary>
    public LeaderboardRow? Best => Rows.FirstOrDefault(r => r.Trial.State == TrialState.Completed && r.Value is { } v && double.IsFinite(v));

    /// <summary>Ranks <paramref name="trials"/>.</summary>
    /// <param name="trials">A study's trials.</param>
    /// <param name="metric">The optimized metric.</param>
    /// <param name="direction">The metric's direction.</param>
    public static Leaderboard Create(IEnumerable<TrialRecord> trials, string metric, OptimizationDirection direction)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentException.ThrowIfNullOrEmpty(metric);
        var ranked = trials
            .OrderBy(t => t.State switch { TrialState.Completed => 0, TrialState.Pruned => 1, TrialState.Failed => 2, TrialState.Running => 3, _ => 4 })
            .ThenBy(t => t.State == TrialState.Completed ? Loss(t.MetricValue(metric), direction) : -t.IntermediateValues.Count)
            .ThenBy(t => t.Number)
            .Select((t, i) => new LeaderboardRow(i + 1, t, t.MetricValue(metric)))
            .ToList();
        return new Leaderboard(metric, direction, ranked);
    }

    /// <summary>Orients a metric value so that lower is better; missing and non-finite values become +∞.</summary>
    internal static double Loss(double? value, OptimizationDirection direction) => value switch
    {
        { } v when double.IsFinite(v) => direction == OptimizationDirection.Minimize ? v : -v,
        _ => double.PositiveInfinity,
    };
}
