using System.Diagnostics;
using Microsoft.ML;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Storage;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Sweeping.Tuners;
using MLNetNorm.Training;

namespace MLNetNorm.Sweeping;

/// <summary>
/// A hyper-parameter sweep in the shape of AutoML's experiment: a search space, a tuner, a metric and direction, a
/// trial limit and time budget, successive-halving pruning, and a study storage that several worker processes can
/// share and that a killed sweep resumes from. Each worker runs <see cref="Run(ITrialObjective)"/> with the same options; trials are
/// claimed one at a time, run by an <see cref="ITrialObjective"/>, and committed as soon as they finish.
/// </summary>
/// <example>
/// <code>
/// var sweep = new SweepExperiment(mlContext, new SweepOptions
/// {
///     SearchSpace = new SearchSpace().AddChoice&lt;NormPlacement&gt;("Placement").AddFloat("LearningRate", 1e-4, 1e-2, logScale: true),
///     Metric = "MAE", Direction = OptimizationDirection.Minimize, MaxTrials = 30, TimeBudget = TimeSpan.FromMinutes(20),
///     Pruner = new SuccessiveHalvingPruner(), StoragePath = "study.db", Resume = true,
/// });
/// var result = sweep.Run(objective);
/// </code>
/// </example>
public sealed class SweepExperiment
{
    private readonly SweepOptions _options;
    private readonly TrainingHost _host;

    /// <summary>Creates an experiment; messages go to <c>mlContext.Log</c>.</summary>
    /// <param name="mlContext">The ML.NET context (its seed seeds the sweep when <see cref="SweepOptions.Seed"/> is null).</param>
    /// <param name="options">The sweep's settings.</param>
    public SweepExperiment(MLContext mlContext, SweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (_options, _host) = (options, TrainingHost.FromEnvironment(mlContext, "Sweep"));
    }

    /// <summary>Runs trials until the tuner has nothing left, the study holds <see cref="SweepOptions.MaxTrials"/> trials, or the time budget ends.</summary>
    /// <param name="objective">Trains and evaluates one configuration.</param>
    /// <returns>The study's trials, leaderboard and best trial.</returns>
    /// <exception cref="InvalidOperationException">The study already holds trials and <see cref="SweepOptions.Resume"/> is off, or was created with another definition, or the objective did not return the metric.</exception>
    /// <exception cref="OperationCanceledException"><see cref="SweepOptions.CancellationToken"/> fired; the running trial was re-queued.</exception>
    public SweepResult Run(ITrialObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var ownsStorage = _options.Storage is null;
        var storage = _options.Storage ?? new SqliteStudyStorage(_options.StoragePath);
        try
        {
            return new WorkerRun(this, storage, objective).Execute();
        }
        finally
        {
            if (ownsStorage)
            {
                storage.Dispose();
            }
        }
    }

    /// <summary>Runs the sweep with a delegate objective.</summary>
    /// <param name="objective">Trains and evaluates one configuration.</param>
    /// <returns>The study's trials, leaderboard and best trial.</returns>
    public SweepResult Run(Func<ParameterSet, TrialContext, TrialResult> objective) => Run(TrialObjective.FromDelegate(objective));

    /// <summary>Derives a well-mixed seed from the sweep's seed, a stream id and the trial number (SplitMix64), identical in every process.</summary>
    internal static int DeriveSeed(int seed, int stream, int trialNumber)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)trialNumber) + (ulong)stream * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>One worker's run of the sweep.</summary>
    private sealed class WorkerRun
    {
        private const int TrialSeedStream = 1;
        private const int TunerSeedStream = 2;

        private readonly SweepOptions _options;
        private readonly TrainingHost _host;
        private readonly IStudyStorage _storage;
        private readonly ITrialObjective _objective;
        private readonly WorkerIdentity _worker;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly int _seed;
        private int _finished;
        private double? _bestLoss;

        public WorkerRun(SweepExperiment experiment, IStudyStorage storage, ITrialObjective objective)
        {
            (_options, _host, _storage, _objective) = (experiment._options, experiment._host, storage, objective);
            _seed = _host.ResolveSeed(_options.Seed);
            _worker = WorkerIdentity.Current(_options.WorkerName ?? $"{Environment.MachineName}:{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}");
        }

        private string Study => _options.StudyName;

        public SweepResult Execute()
        {
            var existing = _storage.OpenStudy(new StudyDefinition(Study, _options.SearchSpace.Describe(), _options.Metric, _options.Direction));
            if (existing > 0 && !_options.Resume)
            {
                throw new InvalidOperationException($"Study '{Study}' already holds {existing} trials; resume it (SweepOptions.Resume, --resume) or choose another study name or storage file.");
            }

            _host.Info($"Sweep '{Study}' ({_worker.Name}): {_options.Tuner.Name} tuner, metric {_options.Metric} ({_options.Direction}), " +
                $"{(existing > 0 ? $"resuming with {existing} trials" : "new study")}, max trials {_options.MaxTrials?.ToString() ?? "unlimited"}, budget {_options.TimeBudget?.ToString() ?? "none"}.");
            using var budget = _options.TimeBudget is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_options.CancellationToken, budget.Token);
            while (!stop.IsCancellationRequested)
            {
                var trial = _storage.ClaimNext(Study, _worker, IsAbandoned, Propose, _options.MaxTrials);
                if (trial is null)
                {
                    break;
                }

                RunTrial(trial, stop.Token);
            }

            _host.ThrowIfCancelled(_options.CancellationToken);
            var trials = _storage.GetTrials(Study);
            var result = new SweepResult(trials, Leaderboard.Create(trials, _options.Metric, _options.Direction), _finished, _clock.Elapsed, budget.IsCancellationRequested);
            _host.Info($"Sweep '{Study}': {_finished} trials run here, {trials.Count} in the study; best: " +
                (result.BestTrial is { } best ? $"trial {best.Number} ({best.Parameters}) {_options.Metric} = {best.MetricValue(_options.Metric)}." : "none."));
            return result;
        }

        private bool IsAbandoned(TrialRecord trial) =>
            trial.Worker is null || trial.Worker.IsKnownDead() || trial.Heartbeat is null || DateTimeOffset.UtcNow - trial.Heartbeat > _options.LeaseTimeout;

        private ParameterSet? Propose(IReadOnlyList<TrialRecord> trials)
        {
            var number = trials.Count == 0 ? 1 : trials.Max(t => t.Number) + 1;
            var observations = trials.Select(t => new TrialObservation(t.Parameters, t.State,
                t.State == TrialState.Completed ? Leaderboard.Loss(t.MetricValue(_options.Metric), _options.Direction) : null)).ToList();
            var parameters = _options.Tuner.Propose(_options.SearchSpace, observations, new Random(DeriveSeed(_seed, TunerSeedStream, number)));
            if (parameters is not null)
            {
                _options.SearchSpace.Validate(parameters);
            }

            return parameters;
        }

        private void RunTrial(TrialRecord trial, CancellationToken stop)
        {
            var number = trial.Number;
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var lastRung = -1;
            bool Judge(long step, double value)
            {
                _storage.AddIntermediateValue(Study, number, step, value);
                Report(SweepEvent.TrialReported, trial, TrialState.Running, step, value);
                if (_options.Pruner is not { } pruner)
                {
                    return true;
                }

                for (var rung = lastRung + 1; rung <= pruner.RungOf(step); rung++)
                {
                    lastRung = rung;
                    if (!pruner.ShouldContinue(value, _storage.RecordRungValue(Study, number, rung, value)))
                    {
                        _host.Info($"Trial {number} pruned at step {step} (rung {rung}): {value} is not in the top 1/{pruner.ReductionFactor}.");
                        return false;
                    }
                }

                return true;
            }

            var modelPath = _options.ModelDirectory is { } folder ? Path.Combine(Path.GetFullPath(folder), $"{Study}-trial-{number}.zip") : null;
            var context = new TrialContext(number, DeriveSeed(_seed, TrialSeedStream, number), cancellation, Judge, modelPath);
            Report(SweepEvent.TrialStarted, trial, TrialState.Running, null, null);
            _host.Info($"Trial {number} started (attempt {trial.Attempts}): {trial.Parameters}.");
            var heartbeatPeriod = _options.LeaseTimeout / 4;
            using var heartbeat = new Timer(_ => Beat(number), null, heartbeatPeriod, heartbeatPeriod);
            var clock = Stopwatch.StartNew();
            TrialResult? result = null;
            string? error = null;
            var state = TrialState.Completed;
            try
            {
                result = _objective.Run(trial.Parameters, context);
                state = context.IsPruned ? TrialState.Pruned : TrialState.Completed;
            }
            catch (OperationCanceledException) when (context.IsPruned)
            {
                state = TrialState.Pruned;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                heartbeat.Dispose();
                _storage.Requeue(Study, number, _worker);
                _host.Info($"Trial {number} interrupted ({(_options.CancellationToken.IsCancellationRequested ? "sweep cancelled" : "time budget ended")}) and re-queued.");
                return;
            }
            catch (Exception exception)
            {
                (state, error) = (TrialState.Failed, $"{exception.GetType().Name}: {exception.Message}");
                _host.Warning($"Trial {number} failed: {error}");
            }

            heartbeat.Dispose();
            var missingMetric = state == TrialState.Completed && result is not null && !result.Metrics.ContainsKey(_options.Metric);
            if (missingMetric)
            {
                (state, error) = (TrialState.Failed, $"The objective returned no metric '{_options.Metric}'; it returned: {string.Join(", ", result!.Metrics.Keys)}.");
            }

            if (!_storage.Finish(Study, number, _worker, state, result, clock.Elapsed, error))
            {
                _host.Warning($"Trial {number} was re-queued by another worker while running here (heartbeats stopped for longer than the lease); its result was not stored.");
                return;
            }

            _finished++;
            var value = result?.Metrics.GetValueOrDefault(_options.Metric);
            if (state == TrialState.Completed && value is { } v && double.IsFinite(v) && (_bestLoss is null || Leaderboard.Loss(v, _options.Direction) < _bestLoss))
            {
                _bestLoss = Leaderboard.Loss(v, _options.Direction);
            }

            Report(SweepEvent.TrialFinished, trial, state, null, value);
            _host.Info($"Trial {number} {state.ToString().ToLowerInvariant()} in {clock.Elapsed.TotalSeconds:F1}s" + (value is null ? "." : $": {_options.Metric} = {value}."));
            if (missingMetric)
            {
                throw new InvalidOperationException(error);
            }
        }

        private void Beat(int number)
        {
            try
            {
                _storage.Heartbeat(Study, number, _worker);
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException)
            {
                // The trial goes on; a missed heartbeat only matters to workers on other machines after the lease.
                _host.Warning($"Trial {number}: heartbeat failed: {exception.Message}");
            }
        }

        private void Report(SweepEvent sweepEvent, TrialRecord trial, TrialState state, long? step, double? value)
        {
            var best = _bestLoss is { } loss ? (_options.Direction == OptimizationDirection.Minimize ? loss : -loss) : (double?)null;
            _options.Progress?.Report(new SweepProgress(sweepEvent, trial.Number, trial.Parameters, state, step, value, _finished, _options.MaxTrials, _clock.Elapsed, _options.TimeBudget, best));
        }
    }
}
