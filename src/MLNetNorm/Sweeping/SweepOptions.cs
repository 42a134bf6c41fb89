using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Storage;
using MLNetNorm.Sweeping.Tuners;

namespace MLNetNorm.Sweeping;

/// <summary>What a <see cref="SweepExperiment"/> searches, how, for how long, and where it keeps the trials.</summary>
public sealed class SweepOptions
{
    /// <summary>Gets or sets the parameters to vary and their domains.</summary>
    public required SearchSpace SearchSpace { get; set; }

    /// <summary>Gets or sets the name of the metric to optimize, one of the keys of <see cref="Trials.TrialResult.Metrics"/>.</summary>
    public required string Metric { get; set; }

    /// <summary>Gets or sets whether the metric is minimized or maximized.</summary>
    public OptimizationDirection Direction { get; set; } = OptimizationDirection.Minimize;

    /// <summary>Gets or sets the tuner that proposes trials; TPE by default.</summary>
    public ISweepTuner Tuner { get; set; } = new TpeTuner();

    /// <summary>Gets or sets the most trials the study may hold (across resumes and workers), or null for no limit.</summary>
    public int? MaxTrials { get; set; }

    /// <summary>
    /// Gets or sets the wall time this run may take, or null for no limit. When it ends, no trial is started and the
    /// running trial is cancelled and re-queued (a resumed sweep runs it again).
    /// </summary>
    public TimeSpan? TimeBudget { get; set; }

    /// <summary>Gets or sets the successive-halving pruner that stops poor trials on their reported learning curves, or null to run every trial to the end.</summary>
    public SuccessiveHalvingPruner? Pruner { get; set; }

    /// <summary>Gets or sets the trial storage; when null, a <see cref="SqliteStudyStorage"/> at <see cref="StoragePath"/>, owned by the experiment.</summary>
    public IStudyStorage? Storage { get; set; }

    /// <summary>Gets or sets the SQLite file used when <see cref="Storage"/> is null.</summary>
    public string StoragePath { get; set; } = "study.db";

    /// <summary>Gets or sets the study's name; a storage can hold several studies.</summary>
    public string StudyName { get; set; } = "sweep";

    /// <summary>
    /// Gets or sets whether to continue a study that already holds trials (after a crash, a kill or a time budget), or
    /// join one that other workers are running. Without it, a non-empty study is refused so that results are not mixed by accident.
    /// </summary>
    public bool Resume { get; set; }

    /// <summary>Gets or sets the sweep's seed (tuner proposals and trial seeds derive from it and the trial number); when null, drawn from the MLContext's seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Gets or sets the folder for trial models; each trial's <see cref="Trials.TrialContext.ModelPath"/> is <c>&lt;folder&gt;/&lt;study&gt;-trial-&lt;n&gt;.zip</c>. Null keeps no models.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Gets or sets the worker's display name; by default the host, process id and a per-run suffix.</summary>
    public string? WorkerName { get; set; }

    /// <summary>
    /// Gets or sets how long a running trial may go without a heartbeat before another worker re-queues it. On this
    /// machine a dead worker's process is detected at once; the lease covers workers on other machines.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets a receiver of progress reports (trial started, intermediate value reported, trial finished).</summary>
    public IProgress<SweepProgress>? Progress { get; set; }

    /// <summary>Gets or sets a token that stops the sweep: the running trial is cancelled and re-queued, then <see cref="OperationCanceledException"/> is thrown.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Throws when an option is missing or out of range, naming it.</summary>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(SearchSpace, nameof(SearchSpace));
        ArgumentException.ThrowIfNullOrWhiteSpace(Metric, nameof(Metric));
        ArgumentNullException.ThrowIfNull(Tuner, nameof(Tuner));
        ArgumentException.ThrowIfNullOrWhiteSpace(StudyName, nameof(StudyName));
        if (SearchSpace.Count == 0)
        {
            throw new ArgumentException("Option SearchSpace has no parameters.", nameof(SearchSpace));
        }

        if (MaxTrials is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTrials), MaxTrials, "Option MaxTrials must be positive (or null for no limit).");
        }

        if (TimeBudget is { } budget && budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeBudget), budget, "Option TimeBudget must be positive (or null for no limit).");
        }

        if (LeaseTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseTimeout), LeaseTimeout, "Option LeaseTimeout must be at least one second.");
        }

        if (Storage is null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(StoragePath, nameof(StoragePath));
        }
    }
}
