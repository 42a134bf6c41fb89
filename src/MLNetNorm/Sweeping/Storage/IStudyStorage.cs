using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;

namespace MLNetNorm.Sweeping.Storage;

/// <summary>
/// Where a study's trials live, shared by every worker of the study. Each call is one atomic transaction that is
/// durable when it returns, so a killed worker loses at most the trial it was running (which is re-queued).
/// </summary>
/// <remarks>
/// <see cref="SqliteStudyStorage"/> serves workers on one machine (processes sharing a file). A server database
/// (e.g. PostgreSQL through Npgsql) can serve workers on several machines by implementing the same contract:
/// <see cref="ClaimNext"/> must run under a lock that serializes claims of one study (e.g. <c>SELECT ... FOR UPDATE</c>
/// on the study row, or <c>LOCK TABLE</c>), and <see cref="RecordRungValue"/> must insert and read in one transaction.
/// Implementations must be safe to call from two threads of one worker (the heartbeat runs on a timer).
/// </remarks>
public interface IStudyStorage : IDisposable
{
    /// <summary>Creates the study, or checks that the stored one has the same definition.</summary>
    /// <param name="definition">The study's name, search space, metric and direction.</param>
    /// <returns>The number of trials the study already holds (0 for a new study).</returns>
    /// <exception cref="InvalidOperationException">The study exists with a different definition.</exception>
    int OpenStudy(StudyDefinition definition);

    /// <summary>
    /// Atomically claims the next trial for <paramref name="worker"/>: first re-queues running trials that
    /// <paramref name="isAbandoned"/> says nobody runs any more, then takes the lowest-numbered queued trial, or, when
    /// none is queued and the study holds fewer than <paramref name="maxTrials"/> trials, asks
    /// <paramref name="propose"/> (given every trial of the study) for a new one. The claimed trial is running.
    /// </summary>
    /// <param name="study">The study name.</param>
    /// <param name="worker">The claiming worker.</param>
    /// <param name="isAbandoned">Decides whether a running trial's worker is gone.</param>
    /// <param name="propose">Proposes a new trial's parameters from the study's trials, or null when the tuner has nothing left.</param>
    /// <param name="maxTrials">The most trials the study may hold, or null for no limit.</param>
    /// <returns>The claimed trial, or null when there is nothing left to run.</returns>
    TrialRecord? ClaimNext(string study, WorkerIdentity worker, Func<TrialRecord, bool> isAbandoned, Func<IReadOnlyList<TrialRecord>, ParameterSet?> propose, int? maxTrials);

    /// <summary>Records that <paramref name="worker"/> is still running trial <paramref name="number"/>.</summary>
    /// <param name="study">The study name.</param>
    /// <param name="number">The trial number.</param>
    /// <param name="worker">The worker running it.</param>
    void Heartbeat(string study, int number, WorkerIdentity worker);

    /// <summary>Appends a point to the trial's learning curve.</summary>
    /// <param name="study">The study name.</param>
    /// <param name="number">The trial number.</param>
    /// <param name="step">The step.</param>
    /// <param name="value">The value.</param>
    void AddIntermediateValue(string study, int number, long step, double value);

    /// <summary>Records the trial's value at a successive-halving rung and returns the values of every trial of the study at that rung, this one included.</summary>
    /// <param name="study">The study name.</param>
    /// <param name="number">The trial number.</param>
    /// <param name="rung">The rung, from 0.</param>
    /// <param name="value">The trial's value at the rung.</param>
    IReadOnlyList<double> RecordRungValue(string study, int number, int rung, double value);

    /// <summary>Stores a finished trial, if <paramref name="worker"/> still owns it.</summary>
    /// <param name="study">The study name.</param>
    /// <param name="number">The trial number.</param>
    /// <param name="worker">The worker that ran it.</param>
    /// <param name="state">Completed, pruned or failed.</param>
    /// <param name="result">The objective's result, or null when it returned none.</param>
    /// <param name="wallTime">The trial's wall time.</param>
    /// <param name="error">The error message of a failed trial.</param>
    /// <returns>False when the trial was re-queued in the meantime (its worker was presumed dead) and the result was not stored.</returns>
    bool Finish(string study, int number, WorkerIdentity worker, TrialState state, TrialResult? result, TimeSpan wallTime, string? error);

    /// <summary>Puts a running trial of <paramref name="worker"/> back in the queue (its learning curve is discarded).</summary>
    /// <param name="study">The study name.</param>
    /// <param name="number">The trial number.</param>
    /// <param name="worker">The worker giving it up.</param>
    void Requeue(string study, int number, WorkerIdentity worker);

    /// <summary>Returns every trial of the study, by number.</summary>
    /// <param name="study">The study name.</param>
    IReadOnlyList<TrialRecord> GetTrials(string study);
}
