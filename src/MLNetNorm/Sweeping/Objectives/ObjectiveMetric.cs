namespace MLNetNorm.Sweeping.Objectives;

/// <summary>A metric an objective returns, with the direction in which it improves.</summary>
/// <param name="Name">The key in <see cref="Trials.TrialResult.Metrics"/> (e.g. <c>macro-accuracy</c>).</param>
/// <param name="Direction">Whether lower or higher is better.</param>
/// <param name="Description">What the metric measures, for help texts.</param>
public sealed record ObjectiveMetric(string Name, OptimizationDirection Direction, string Description)
{
    /// <summary>Finds <paramref name="name"/> (case-insensitive) among <paramref name="metrics"/>.</summary>
    /// <param name="metrics">The metrics an objective returns.</param>
    /// <param name="name">The requested metric name.</param>
    /// <exception cref="ArgumentException">No metric has that name; the message lists the valid ones.</exception>
    public static ObjectiveMetric Find(IEnumerable<ObjectiveMetric> metrics, string name)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var list = metrics.ToList();
        return list.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown metric '{name}'; use one of: {string.Join(", ", list.Select(m => m.Name))}.", nameof(name));
    }
}
