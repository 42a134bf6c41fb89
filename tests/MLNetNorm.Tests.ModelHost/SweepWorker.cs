// Test host mode: `sweep-worker <study.db> <study> <grid|random> <maxTrials|0> <sleepMs> <log> <hangTrial|0> <goFile|->`.
// Runs a sweep on a cheap synthetic objective as one worker process. Each trial appends "start N" and "end N" to the log
// (opened and closed per line, so lines survive a kill). With hangTrial > 0, that trial blocks forever, the first time
// only, so the test can kill the process while it is surely running a trial. The worker writes "ready" first; with a go
// file, it then waits for the file to exist, so that several workers start together.
using System.Globalization;
using Microsoft.ML;
using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Sweeping.Tuners;

internal static class SweepWorker
{
    public const string Mode = "sweep-worker";

    /// <summary>The space the worker tests use: 2 × 4 × 2 = 16 grid points with 4 steps.</summary>
    public static SearchSpace Space() => new SearchSpace().AddChoice("Kind", "LayerNorm", "RmsNorm").AddFloat("X", 0, 1).AddBoolean("Warmup");

    public static int Run(string[] args)
    {
        if (args.Length != 9)
        {
            Console.Error.WriteLine("usage: sweep-worker <study.db> <study> <grid|random> <maxTrials|0> <sleepMs> <log> <hangTrial|0> <goFile|->");
            return 2;
        }

        var (storage, study, tuner, maxTrials) = (args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture));
        var (sleep, log, hangTrial, goFile) = (int.Parse(args[5], CultureInfo.InvariantCulture), args[6], int.Parse(args[7], CultureInfo.InvariantCulture), args[8]);
        File.AppendAllText(log, "ready\n");
        while (goFile != "-" && !File.Exists(goFile))
        {
            Thread.Sleep(10);
        }

        var options = new SweepOptions
        {
            SearchSpace = Space(),
            Metric = "Loss",
            Tuner = tuner == "grid" ? new GridTuner(steps: 4) : new RandomTuner(),
            MaxTrials = maxTrials > 0 ? maxTrials : null,
            StoragePath = storage,
            StudyName = study,
            Resume = true,
            Seed = 42,
        };
        new SweepExperiment(new MLContext(1), options).Run((parameters, context) =>
        {
            var alreadyStarted = File.Exists(log) && File.ReadAllLines(log).Contains($"start {context.TrialNumber}");
            File.AppendAllText(log, $"start {context.TrialNumber}\n");
            if (context.TrialNumber == hangTrial && !alreadyStarted)
            {
                Thread.Sleep(Timeout.Infinite);
            }

            Thread.Sleep(sleep);
            File.AppendAllText(log, $"end {context.TrialNumber}\n");
            var loss = Math.Pow(parameters.GetDouble("X") - 0.4, 2) + (parameters.GetString("Kind") == "RmsNorm" ? 0.1 : 0);
            return new TrialResult { Metrics = new Dictionary<string, double> { ["Loss"] = loss } };
        });
        return 0;
    }
}
