namespace MLNetNorm.Sweeping.Trials;

/// <summary>Where a trial of a study stands.</summary>
public enum TrialState
{
    /// <summary>Proposed (or re-queued after its worker died or the time budget ran out) and waiting for a worker.</summary>
    Queued,

    /// <summary>Claimed by a worker that is running it.</summary>
    Running,

    /// <summary>Finished and returned its metrics.</summary>
    Completed,

    /// <summary>Stopped early by successive halving because its learning curve was not among the best at a rung.</summary>
    Pruned,

    /// <summary>The objective threw; the error message is kept with the trial.</summary>
    Failed,
}
