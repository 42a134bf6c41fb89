using MLNetNorm.Sweeping.Space;

namespace MLNetNorm.Sweeping.Trials;

/// <summary>Makes an <see cref="ITrialObjective"/> from a delegate.</summary>
public static class TrialObjective
{
    /// <summary>Wraps <paramref name="run"/> as an objective.</summary>
    /// <param name="run">Trains and evaluates one configuration.</param>
    public static ITrialObjective FromDelegate(Func<ParameterSet, TrialContext, TrialResult> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new DelegateObjective(run);
    }

    private sealed class DelegateObjective(Func<ParameterSet, TrialContext, TrialResult> run) : ITrialObjective
    {
        public TrialResult Run(ParameterSet parameters, TrialContext context) => run(parameters, context);
    }
}
