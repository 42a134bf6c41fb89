using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Training;

namespace MLNetNorm.Tests.Sweeping;

[TestClass]
public sealed class TrialContextTests
{
    [TestMethod]
    public void Report_CancelsTheTrialOnceTheJudgeSaysStop()
    {
        using var cancellation = new CancellationTokenSource();
        var judged = new List<(long, double)>();
        var context = new TrialContext(3, 17, cancellation, (step, value) => { judged.Add((step, value)); return step < 2; }, modelPath: null);

        Assert.IsTrue(context.Report(1, 0.5));
        Assert.IsFalse(context.CancellationToken.IsCancellationRequested);
        Assert.IsFalse(context.Report(2, 0.4));
        Assert.IsTrue(context.IsPruned);
        Assert.IsTrue(context.CancellationToken.IsCancellationRequested);
        Assert.IsFalse(context.Report(3, 0.3), "a pruned trial stays pruned");
        CollectionAssert.AreEqual(new[] { (1L, 0.5), (2L, 0.4) }, judged);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => context.Report(3, 0.1));
    }

    [TestMethod]
    public void ConfigureTraining_ReportsEpochValidationLosses_ForwardsProgress_AndSetsSeedAndToken()
    {
        using var cancellation = new CancellationTokenSource();
        var judged = new List<(long, double)>();
        var context = new TrialContext(1, 42, cancellation, (step, value) => { judged.Add((step, value)); return true; }, "model.zip");
        var forwarded = new List<TrainingProgress>();
        var options = new Options { Progress = new Recorder(forwarded) };

        context.ConfigureTraining(options);
        options.Progress!.Report(Progress(epoch: 1, step: 5, loss: 0.9, validation: null, completed: false));
        options.Progress.Report(Progress(epoch: 1, step: 10, loss: 0.8, validation: 0.75, completed: true));
        options.Progress.Report(Progress(epoch: 2, step: 20, loss: 0.6, validation: null, completed: true));

        CollectionAssert.AreEqual(new[] { (1L, 0.75), (2L, 0.6) }, judged, "validation loss, or the training loss without validation");
        Assert.HasCount(3, forwarded);
        Assert.AreEqual(42, options.Seed);
        Assert.AreEqual(context.CancellationToken, options.CancellationToken);
        Assert.AreEqual("model.zip", context.ModelPath);

        var seeded = new Options { Seed = 5 };
        context.ConfigureTraining(seeded);
        Assert.AreEqual(5, seeded.Seed, "an explicit seed is kept");
    }

    private static TrainingProgress Progress(int epoch, long step, double loss, double? validation, bool completed) =>
        new(epoch, 2, step, 20, loss, validation, 1e-3, TimeSpan.Zero, completed);

    private sealed class Options : NeuralTrainerOptions;

    private sealed class Recorder(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
