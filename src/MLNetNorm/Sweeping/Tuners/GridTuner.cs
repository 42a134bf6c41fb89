using MLNetNorm.Sweeping.Space;

namespace MLNetNorm.Sweeping.Tuners;

/// <summary>Visits every point of the search space's grid exactly once, in order, then proposes nothing.</summary>
/// <param name="steps">The number of points per numeric range (at least 2); choices and booleans take all their values.</param>
public sealed class GridTuner(int steps = 3) : ISweepTuner
{
    /// <summary>Gets the number of points per numeric range.</summary>
    public int Steps { get; } = steps >= 2 ? steps : throw new ArgumentOutOfRangeException(nameof(steps), steps, "A grid needs at least 2 points per numeric range.");

    /// <inheritdoc/>
    public string Name => "grid";

    /// <inheritdoc/>
    public ParameterSet? Propose(SearchSpace space, IReadOnlyList<TrialObservation> trials, Random random)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(trials);
        var tried = trials.Select(t => t.Parameters).ToHashSet();
        return space.Grid(Steps).FirstOrDefault(point => !tried.Contains(point));
    }
}
