using MLNetNorm.Sweeping.Space;

namespace MLNetNorm.Sweeping.Tuners;

/// <summary>Proposes the next trial's parameters from the trials so far (AutoML's tuner).</summary>
/// <remarks>
/// Proposals are made inside the storage's claim transaction, from every trial of the study (including those other
/// workers are running), with a random source seeded from the sweep's seed and the new trial's number, so a sweep is
/// reproducible for a given seed and order of completions.
/// </remarks>
public interface ISweepTuner
{
    /// <summary>Gets the tuner's name, for display.</summary>
    string Name { get; }

    /// <summary>Returns the next parameters to try, or null when the tuner has nothing left to propose (a finished grid).</summary>
    /// <param name="space">The search space.</param>
    /// <param name="trials">Every trial of the study so far, in any state.</param>
    /// <param name="random">A seeded source of randomness for this proposal.</param>
    ParameterSet? Propose(SearchSpace space, IReadOnlyList<TrialObservation> trials, Random random);
}
