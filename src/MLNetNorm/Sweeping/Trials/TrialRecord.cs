using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Storage;

namespace MLNetNorm.Sweeping.Trials;

/// <summary>A trial as a study stores it: its parameters, state, worker, timings, results and learning curve.</summary>
public sealed class TrialRecord
{
    /// <summary>Gets the trial's number in its study, from 1 (in the order trials were proposed).</summary>
    public required int Number { get; init; }

    /// <summary>Gets the trial's parameter values.</summary>
    public required ParameterSet Parameters { get; init; }

    /// <summary>Gets the trial's state.</summary>
    public required TrialState State { get; init; }

    /// <summary>Gets the worker that ran (or is running) the trial, or null while it is queued.</summary>
    public WorkerIdentity? Worker { get; init; }

    /// <summary>Gets when the running worker last showed it was alive.</summary>
    public DateTimeOffset? Heartbeat { get; init; }

    /// <summary>Gets when the last attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the trial finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets the wall time of the attempt that finished the trial.</summary>
    public TimeSpan? WallTime { get; init; }

    /// <summary>Gets how many times a worker started the trial (more than 1 after re-queuing).</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the metrics the objective returned (empty unless completed or pruned with a result).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the training figures the objective returned, or null.</summary>
    public TrainingSummary? Training { get; init; }

    /// <summary>Gets the inference latency the objective measured, or null.</summary>
    public TimeSpan? InferenceLatency { get; init; }

    /// <summary>Gets the path of the model the objective saved, or null.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Gets the error message of a failed trial, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the learning curve reported through <see cref="TrialContext.Report"/>, by increasing step.</summary>
    public IReadOnlyList<IntermediateValue> IntermediateValues { get; init; } = [];

    /// <summary>Returns the value of <paramref name="metric"/>, or null when the trial did not return it.</summary>
    /// <param name="metric">A metric name.</param>
    public double? MetricValue(string metric) => Metrics.TryGetValue(metric, out var value) ? value : null;
}
