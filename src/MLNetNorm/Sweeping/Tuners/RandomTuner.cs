using MLNetNorm.Sweeping.Space;

namespace MLNetNorm.Sweeping.Tuners;

/// <summary>Draws every parameter independently and uniformly (log-uniformly for log ranges), ignoring past trials.</summary>
public sealed class RandomTuner : ISweepTuner
{
    /// <inheritdoc/>
    public string Name => "random";

    /// <inheritdoc/>
    public ParameterSet? Propose(SearchSpace space, IReadOnlyList<TrialObservation> trials, Random random)
    {
        ArgumentNullException.ThrowIfNull(space);
        return space.Sample(random);
    }
}
