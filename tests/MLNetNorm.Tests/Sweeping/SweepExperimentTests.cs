using Microsoft.ML;
using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Storage;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Sweeping.Tuners;

namespace MLNetNorm.Tests.Sweeping;

[TestClass]
public sealed class SweepExperimentTests
{
    private static readonly SearchSpace Space = new SearchSpace().AddChoice("Placement", "PreNorm", "PostNorm").AddFloat("X", 0, 1).AddBoolean("Warmup");

    [TestMethod]
    public void GridSweep_RunsEveryGridPointExactlyOnce_AndRanksThem()
    {
        using var file = new StudyFile();
        var runs = new List<ParameterSet>();
        var result = Experiment(file, o => o.Tuner = new GridTuner(steps: 3)).Run((p, _) =>
        {
            runs.Add(p);
            return Metrics(Loss(p));
        });

        Assert.HasCount(12, runs);
        CollectionAssert.AreEquivalent(Space.Grid(3).ToList(), runs);
        Assert.HasCount(12, result.Trials);
        Assert.IsTrue(result.Trials.All(t => t.State == TrialState.Completed && t.WallTime is not null && t.Attempts == 1));
        var values = result.Leaderboard.Rows.Select(r => r.Value!.Value).ToList();
        CollectionAssert.AreEqual(values.Order().ToList(), values, "best first");
        Assert.AreEqual(runs.Min(Loss), result.BestTrial!.MetricValue("Loss"));
        Assert.AreEqual(result.BestTrial.Parameters, result.BestParameters);
    }

    [TestMethod]
    public void Maximizing_RanksTheLargestValueFirst()
    {
        using var file = new StudyFile();
        var result = Experiment(file, o => (o.Tuner, o.Direction, o.Metric) = (new GridTuner(2), OptimizationDirection.Maximize, "Accuracy"))
            .Run((p, _) => new TrialResult { Metrics = new Dictionary<string, double> { ["Accuracy"] = -Loss(p) } });
        Assert.AreEqual(result.Trials.Max(t => t.MetricValue("Accuracy")), result.BestTrial!.MetricValue("Accuracy"));
    }

    [TestMethod]
    public void TrialLimit_IsRespected_AcrossResumes()
    {
        using var file = new StudyFile();
        var first = Experiment(file, o => o.MaxTrials = 5).Run((p, _) => Metrics(Loss(p)));
        Assert.HasCount(5, first.Trials);
        Assert.AreEqual(5, first.TrialsRun);

        var executed = 0;
        var again = Experiment(file, o => (o.MaxTrials, o.Resume) = (5, true)).Run((p, _) => { executed++; return Metrics(Loss(p)); });
        Assert.AreEqual(0, executed);
        Assert.HasCount(5, again.Trials);

        var more = Experiment(file, o => (o.MaxTrials, o.Resume) = (7, true)).Run((p, _) => Metrics(Loss(p)));
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5, 6, 7 }, more.Trials.Select(t => t.Number).ToArray());
        Assert.AreEqual(2, more.TrialsRun);
        CollectionAssert.AreEqual(first.Trials.Select(t => t.Parameters).ToList(), more.Trials.Take(5).Select(t => t.Parameters).ToList(), "finished trials are not touched");
    }

    [TestMethod]
    public void ExistingStudy_IsNotMixedIntoWithoutResume()
    {
        using var file = new StudyFile();
        Experiment(file, o => o.MaxTrials = 2).Run((p, _) => Metrics(Loss(p)));
        var message = Assert.ThrowsExactly<InvalidOperationException>(() => Experiment(file, o => o.MaxTrials = 4).Run((p, _) => Metrics(Loss(p)))).Message;
        Assert.Contains("already holds 2 trials", message);
        Assert.Contains("different definition", Assert.ThrowsExactly<InvalidOperationException>(() =>
            Experiment(file, o => (o.Resume, o.SearchSpace) = (true, new SearchSpace().AddFloat("X", 0, 2)), space: null).Run((p, _) => Metrics(0))).Message);
    }

    [TestMethod]
    public void TimeBudget_StopsStartingTrials_AndRequeuesTheInterruptedOne()
    {
        using var file = new StudyFile();
        var budget = TimeSpan.FromSeconds(1.5);
        var started = DateTimeOffset.UtcNow;
        var result = Experiment(file, o => o.TimeBudget = budget).Run((p, context) =>
        {
            context.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
            context.CancellationToken.ThrowIfCancellationRequested();
            return Metrics(Loss(p));
        });

        Assert.IsTrue(result.BudgetExhausted);
        Assert.IsLessThan(budget + TimeSpan.FromSeconds(3), result.Elapsed, "the running trial is cancelled at the deadline");
        Assert.IsTrue(result.Trials.All(t => t.StartedAt <= started + budget + TimeSpan.FromSeconds(0.5)), "no trial starts after the budget");
        var completed = result.Trials.Count(t => t.State == TrialState.Completed);
        Assert.IsGreaterThanOrEqualTo(2, completed);
        var queued = result.Trials.Where(t => t.State == TrialState.Queued).ToList();
        Assert.IsLessThanOrEqualTo(1, queued.Count);

        // Resuming runs the interrupted trial under its own number before proposing new ones.
        var resumedRuns = new List<int>();
        var resumed = Experiment(file, o => (o.Resume, o.MaxTrials) = (true, result.Trials.Count + 1)).Run((p, c) => { resumedRuns.Add(c.TrialNumber); return Metrics(Loss(p)); });
        CollectionAssert.AreEqual(queued.Select(t => t.Number).Append(result.Trials.Count + 1).ToArray(), resumedRuns.ToArray());
        Assert.IsTrue(resumed.Trials.All(t => t.State == TrialState.Completed));
    }

    [TestMethod]
    public void SuccessiveHalving_PrunesTrialsWithPoorLearningCurves()
    {
        // Curve of a trial: X + 1 / epoch over 9 epochs, so the final order is the order of X at every rung.
        using var file = new StudyFile();
        var epochsRun = new Dictionary<int, int>();
        var result = Experiment(file, o => (o.Tuner, o.MaxTrials, o.Pruner) = (new RandomTuner(), 24, new SuccessiveHalvingPruner(minimumResource: 1, reductionFactor: 3)))
            .Run((p, context) =>
            {
                for (var epoch = 1; epoch <= 9; epoch++)
                {
                    epochsRun[context.TrialNumber] = epoch;
                    if (!context.Report(epoch, p.GetDouble("X") + 1.0 / epoch))
                    {
                        return Metrics(double.NaN);
                    }
                }

                return Metrics(p.GetDouble("X"));
            });

        var pruned = result.Trials.Where(t => t.State == TrialState.Pruned).ToList();
        var completed = result.Trials.Where(t => t.State == TrialState.Completed).ToList();
        Assert.IsGreaterThan(8, pruned.Count, $"{pruned.Count} of 24 pruned");
        Assert.IsTrue(pruned.All(t => new long[] { 1, 3, 9 }.Contains(t.IntermediateValues[^1].Step)), "trials stop at rungs");
        Assert.IsLessThan(24 * 9, epochsRun.Values.Sum(), "pruning saves epochs");
        var bestX = result.Trials.Min(t => t.Parameters.GetDouble("X"));
        Assert.AreEqual(bestX, result.BestTrial!.Parameters.GetDouble("X"), "the best configuration is never pruned");
        Assert.IsGreaterThan(completed.Average(t => t.Parameters.GetDouble("X")), pruned.Average(t => t.Parameters.GetDouble("X")));
        Assert.IsTrue(pruned.All(t => t.Parameters.GetDouble("X") > bestX));
    }

    [TestMethod]
    public void PrunedTrialsThatThrowOnCancellation_AreRecordedAsPruned()
    {
        using var file = new StudyFile();
        var result = Experiment(file, o => (o.Tuner, o.MaxTrials, o.Pruner) = (new RandomTuner(), 8, new SuccessiveHalvingPruner(reductionFactor: 2, minimumTrialsPerRung: 2)))
            .Run((p, context) =>
            {
                for (var epoch = 1; epoch <= 4; epoch++)
                {
                    context.Report(epoch, p.GetDouble("X"));
                    context.CancellationToken.ThrowIfCancellationRequested();
                }

                return Metrics(p.GetDouble("X"));
            });
        Assert.IsNotEmpty(result.Trials.Where(t => t.State == TrialState.Pruned).ToList());
        Assert.IsTrue(result.Trials.All(t => t.State is TrialState.Pruned or TrialState.Completed));
    }

    [TestMethod]
    public void FailingTrials_AreRecordedWithTheirError_AndTheSweepGoesOn()
    {
        using var file = new StudyFile();
        var result = Experiment(file, o => o.Tuner = new GridTuner(2)).Run((p, _) =>
            p.GetString("Placement") == "PostNorm" && !p.GetBoolean("Warmup") ? throw new InvalidOperationException("diverged without warmup") : Metrics(Loss(p)));

        var failed = result.Trials.Where(t => t.State == TrialState.Failed).ToList();
        Assert.HasCount(2, failed);
        Assert.IsTrue(failed.All(t => t.Error == "InvalidOperationException: diverged without warmup"));
        Assert.HasCount(6, result.Trials.Where(t => t.State == TrialState.Completed).ToList());
        Assert.IsTrue(result.Leaderboard.Rows.TakeLast(2).All(r => r.Trial.State == TrialState.Failed), "failed trials rank last");
    }

    [TestMethod]
    public void MissingMetric_FailsTheSweepNamingWhatWasReturned()
    {
        using var file = new StudyFile();
        var message = Assert.ThrowsExactly<InvalidOperationException>(() => Experiment(file).Run((_, _) => new TrialResult { Metrics = new Dictionary<string, double> { ["MAE"] = 1 } })).Message;
        Assert.Contains("'Loss'", message);
        Assert.Contains("MAE", message);
    }

    [TestMethod]
    public void Cancellation_RequeuesTheRunningTrial_AndThrows()
    {
        using var file = new StudyFile();
        using var cancellation = new CancellationTokenSource();
        Assert.ThrowsExactly<OperationCanceledException>(() => Experiment(file, o => o.CancellationToken = cancellation.Token).Run((p, context) =>
        {
            if (context.TrialNumber == 3)
            {
                cancellation.Cancel();
                context.CancellationToken.ThrowIfCancellationRequested();
            }

            return Metrics(Loss(p));
        }));
        using var storage = new SqliteStudyStorage(file.Path);
        CollectionAssert.AreEqual(new[] { TrialState.Completed, TrialState.Completed, TrialState.Queued }, storage.GetTrials("test").Select(t => t.State).ToArray());
    }

    [TestMethod]
    public void SameSeed_GivesTheSameTrials_AndTrialSeedsDifferByTrial()
    {
        List<(ParameterSet, int)> Sweep()
        {
            using var file = new StudyFile();
            var seen = new List<(ParameterSet, int)>();
            Experiment(file, o => (o.MaxTrials, o.Seed) = (14, 123)).Run((p, c) => { seen.Add((p, c.Seed)); return Metrics(Loss(p)); });
            return seen;
        }

        var first = Sweep();
        CollectionAssert.AreEqual(first, Sweep());
        Assert.HasCount(14, first.Select(s => s.Item2).Distinct().ToList());
    }

    [TestMethod]
    public void ModelPaths_AreGivenPerTrial_AndTheBestOneIsKept()
    {
        using var file = new StudyFile();
        var folder = Path.Combine(Path.GetTempPath(), $"mlnetnorm-models-{Guid.NewGuid():N}");
        try
        {
            var result = Experiment(file, o => (o.MaxTrials, o.ModelDirectory, o.Tuner) = (4, folder, new RandomTuner())).Run((p, c) =>
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(c.ModelPath!, p.ToJson());
                return new TrialResult { Metrics = new Dictionary<string, double> { ["Loss"] = Loss(p) }, ModelPath = c.ModelPath, InferenceLatency = TimeSpan.FromMilliseconds(c.TrialNumber) };
            });

            Assert.AreEqual(Path.Combine(folder, $"test-trial-{result.BestTrial!.Number}.zip"), result.BestModelPath);
            Assert.AreEqual(result.BestParameters!.ToJson(), File.ReadAllText(result.BestModelPath!));
            Assert.AreEqual(TimeSpan.FromMilliseconds(result.BestTrial.Number), result.BestTrial.InferenceLatency);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [TestMethod]
    public void Progress_ReportsStartsIntermediateValuesAndFinishes()
    {
        using var file = new StudyFile();
        var reports = new List<SweepProgress>();
        Experiment(file, o => (o.MaxTrials, o.Progress) = (2, new Recorder(reports))).Run((p, c) =>
        {
            c.Report(1, 0.5);
            return Metrics(Loss(p));
        });
        CollectionAssert.AreEqual(
            new[] { SweepEvent.TrialStarted, SweepEvent.TrialReported, SweepEvent.TrialFinished, SweepEvent.TrialStarted, SweepEvent.TrialReported, SweepEvent.TrialFinished },
            reports.Select(r => r.Event).ToArray());
        Assert.AreEqual(2, reports[^1].TrialsFinished);
        Assert.AreEqual(reports.Where(r => r.Event == SweepEvent.TrialFinished).Min(r => r.Value), reports[^1].BestValue);
    }

    [TestMethod]
    public void Options_AreValidated()
    {
        var mlContext = new MLContext(1);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SweepExperiment(mlContext, new SweepOptions { SearchSpace = Space, Metric = "Loss", MaxTrials = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SweepExperiment(mlContext, new SweepOptions { SearchSpace = Space, Metric = "Loss", TimeBudget = TimeSpan.Zero }));
        Assert.ThrowsExactly<ArgumentException>(() => new SweepExperiment(mlContext, new SweepOptions { SearchSpace = Space, Metric = " " }));
        Assert.ThrowsExactly<ArgumentException>(() => new SweepExperiment(mlContext, new SweepOptions { SearchSpace = new SearchSpace(), Metric = "Loss" }));
    }

    [TestMethod]
    public void MLContextLog_ReceivesSweepMessages()
    {
        using var file = new StudyFile();
        var mlContext = new MLContext(1);
        var messages = new List<string>();
        mlContext.Log += (_, e) => { if (e.Source == "Sweep") { messages.Add(e.Message); } };
        new SweepExperiment(mlContext, new SweepOptions { SearchSpace = Space, Metric = "Loss", StoragePath = file.Path, StudyName = "test", MaxTrials = 1 })
            .Run((p, _) => Metrics(Loss(p)));
        Assert.IsTrue(messages.Any(m => m.Contains("Trial 1 completed")), string.Join("\n", messages));
    }

    internal static TrialResult Metrics(double loss) => new() { Metrics = new Dictionary<string, double> { ["Loss"] = loss } };

    private static double Loss(ParameterSet p) =>
        Math.Pow(p.GetDouble("X") - 0.3, 2) + (p.GetString("Placement") == "PostNorm" ? 0.2 : 0) + (p.GetBoolean("Warmup") ? 0 : 0.1);

    private static SweepExperiment Experiment(StudyFile file, Action<SweepOptions>? configure = null, SearchSpace? space = null)
    {
        var options = new SweepOptions { SearchSpace = space ?? Space, Metric = "Loss", StoragePath = file.Path, StudyName = "test", Tuner = new TpeTuner(), MaxTrials = 30, Seed = 1 };
        configure?.Invoke(options);
        return new SweepExperiment(new MLContext(1), options);
    }

    private sealed class Recorder(List<SweepProgress> reports) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => reports.Add(value);
    }
}
