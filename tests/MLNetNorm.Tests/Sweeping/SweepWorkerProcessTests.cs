using System.Diagnostics;
using System.Text;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Storage;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Sweeping;

/// <summary>Sweeps run by separate worker processes (MLNetNorm.Tests.ModelHost, mode <c>sweep-worker</c>) sharing one SQLite study.</summary>
[TestClass]
public sealed class SweepWorkerProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [TestMethod]
    public void KilledWorker_IsResumedWithoutLosingOrRepeatingFinishedTrials()
    {
        using var file = new StudyFile();
        var log = file.Path + ".log";
        try
        {
            // Trial 4 hangs on its first attempt, so the kill surely lands while a trial is running.
            var output = new StringBuilder();
            using (var worker = ModelHostProcess.Start(output, "sweep-worker", file.Path, "study", "random", "10", "50", log, "4", "-"))
            {
                WaitUntil(() => StateOf(file, 4) == TrialState.Running, worker, output, "trial 4 to start");
                worker.Kill(entireProcessTree: true);
                worker.WaitForExit();
            }

            var beforeResume = Trials(file);
            Assert.HasCount(4, beforeResume);
            Assert.IsTrue(beforeResume.Take(3).All(t => t.State == TrialState.Completed));
            Assert.AreEqual(TrialState.Running, beforeResume[3].State, "the killed worker left trial 4 running");

            using (var resumed = ModelHostProcess.Start(output, "sweep-worker", file.Path, "study", "random", "10", "50", log, "4", "-"))
            {
                WaitForSuccess(resumed, output);
            }

            var after = Trials(file);
            CollectionAssert.AreEqual(Enumerable.Range(1, 10).ToArray(), after.Select(t => t.Number).ToArray());
            Assert.IsTrue(after.All(t => t.State == TrialState.Completed));
            foreach (var finished in beforeResume.Take(3))
            {
                var now = after[finished.Number - 1];
                Assert.AreEqual(finished.Parameters, now.Parameters);
                Assert.AreEqual(finished.FinishedAt, now.FinishedAt, $"trial {finished.Number} was not run again");
                Assert.AreEqual(finished.MetricValue("Loss"), now.MetricValue("Loss"));
            }

            Assert.AreEqual(beforeResume[3].Parameters, after[3].Parameters, "the re-queued trial keeps its parameters");
            Assert.AreEqual(2, after[3].Attempts);
            Assert.IsTrue(after.Where(t => t.Number != 4).All(t => t.Attempts == 1));
            var lines = File.ReadAllLines(log);
            for (var number = 1; number <= 10; number++)
            {
                Assert.AreEqual(number == 4 ? 2 : 1, lines.Count(l => l == $"start {number}"), $"starts of trial {number}");
                Assert.AreEqual(1, lines.Count(l => l == $"end {number}"), $"ends of trial {number}");
            }
        }
        finally
        {
            File.Delete(log);
        }
    }

    [TestMethod]
    public void TwoWorkers_OnOneStudyFile_RunEveryGridPointExactlyOnce()
    {
        using var file = new StudyFile();
        var (logA, logB, go) = (file.Path + ".a.log", file.Path + ".b.log", file.Path + ".go");
        try
        {
            var output = new StringBuilder();
            using var a = ModelHostProcess.Start(output, "sweep-worker", file.Path, "study", "grid", "0", "100", logA, "0", go);
            using var b = ModelHostProcess.Start(output, "sweep-worker", file.Path, "study", "grid", "0", "100", logB, "0", go);
            WaitUntil(() => File.Exists(logA) && File.Exists(logB), a, output, "both workers to be ready");
            File.WriteAllText(go, "go");
            WaitForSuccess(a, output);
            WaitForSuccess(b, output);

            var trials = Trials(file);
            var grid = SweepWorkerSpace().Grid(4).ToList();
            Assert.HasCount(16, grid);
            Assert.HasCount(16, trials);
            Assert.IsTrue(trials.All(t => t.State == TrialState.Completed && t.Attempts == 1));
            CollectionAssert.AreEquivalent(grid, trials.Select(t => t.Parameters).ToList());
            var (linesA, linesB) = (File.ReadAllLines(logA), File.ReadAllLines(logB));
            var starts = linesA.Concat(linesB).Where(l => l.StartsWith("start ", StringComparison.Ordinal)).ToList();
            CollectionAssert.AreEquivalent(Enumerable.Range(1, 16).Select(n => $"start {n}").ToList(), starts, "each trial ran once, in one worker");
            Assert.IsTrue(linesA.Any(l => l.StartsWith("end ", StringComparison.Ordinal)) && linesB.Any(l => l.StartsWith("end ", StringComparison.Ordinal)), "both workers ran trials");
            Assert.HasCount(2, trials.Select(t => t.Worker!.Name).Distinct().ToList());
        }
        finally
        {
            foreach (var path in new[] { logA, logB, go })
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The worker's search space (MLNetNorm.Tests.ModelHost/SweepWorker.cs), restated here as the test's expectation.</summary>
    private static SearchSpace SweepWorkerSpace() => new SearchSpace().AddChoice("Kind", "LayerNorm", "RmsNorm").AddFloat("X", 0, 1).AddBoolean("Warmup");

    private static IReadOnlyList<TrialRecord> Trials(StudyFile file)
    {
        using var storage = new SqliteStudyStorage(file.Path);
        return storage.GetTrials("study");
    }

    private static TrialState? StateOf(StudyFile file, int number) =>
        File.Exists(file.Path) ? Trials(file).FirstOrDefault(t => t.Number == number)?.State : null;

    private static void WaitUntil(Func<bool> condition, Process worker, StringBuilder output, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.IsFalse(worker.HasExited, $"the worker exited (code {(worker.HasExited ? worker.ExitCode : 0)}) before {what}:\n{output}");
            Assert.IsLessThan(Patience, clock.Elapsed, $"timed out waiting for {what}:\n{output}");
            Thread.Sleep(20);
        }
    }

    private static void WaitForSuccess(Process worker, StringBuilder output)
    {
        if (!worker.WaitForExit(Patience))
        {
            worker.Kill(entireProcessTree: true);
            Assert.Fail($"the worker did not finish within {Patience}:\n{output}");
        }

        worker.WaitForExit();
        Assert.AreEqual(0, worker.ExitCode, $"the worker failed:\n{output}");
    }
}
