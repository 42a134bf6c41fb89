namespace MLNetNorm.Sweeping.Trials;

/// <summary>
/// The seam between the sweeper and a model family: trains and evaluates one configuration. Implementations apply the
/// parameters to their options (<see cref="Space.ParameterSet.ApplyTo"/>), hand the trial context to training
/// (<see cref="TrialContext.ConfigureTraining"/> wires seed, cancellation and per-epoch reports for pruning), evaluate,
/// optionally save the model to <see cref="TrialContext.ModelPath"/>, and return the metrics.
/// </summary>
/// <remarks>
/// Throwing marks the trial failed (the message is stored) and the sweep goes on; throwing
/// <see cref="OperationCanceledException"/> after <see cref="TrialContext.CancellationToken"/> fired is how a pruned,
/// out-of-budget or cancelled trial ends.
/// </remarks>
public interface ITrialObjective
{
    /// <summary>Runs one trial.</summary>
    /// <param name="parameters">The trial's parameter values.</param>
    /// <param name="context">The trial's number, seed, cancellation, pruning reports and model path.</param>
    /// <returns>The metrics and figures of the trial.</returns>
    TrialResult Run(Space.ParameterSet parameters, TrialContext context);
}
