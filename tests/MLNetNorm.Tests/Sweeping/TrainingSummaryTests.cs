using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Training;

namespace MLNetNorm.Tests.Sweeping;

[TestClass]
public sealed class TrainingSummaryTests
{
    [TestMethod]
    public void FromHistory_SummarizesCurvesConvergenceAndGradients()
    {
        var history = new TrainingHistory { BestEpoch = 2, ParameterCount = 1234, Duration = TimeSpan.FromSeconds(7), StoppedEarly = true };
        history.Add(Epoch(1, 2.0, 1.5, steps: 10, global: new(4, 8, 3), layers: new() { ["head"] = new(1, 2, 1), ["blocks.0"] = new(3, 9, 2) }));
        history.Add(Epoch(2, 1.0, 0.7, steps: 20, global: new(2, 3, 2), layers: new() { ["head"] = new(3, 4, 0.5), ["blocks.0"] = new(1, 1, 1) }));
        history.Add(Epoch(3, 0.8, 0.9, steps: 30, global: new(2, 2, 1), layers: new() { ["head"] = new(2, 2, 0.25), ["blocks.0"] = new(2, 2, 2) }));

        var summary = TrainingSummary.FromHistory(history, targetValidationLoss: 1.0);

        Assert.AreEqual(3, summary.Epochs);
        Assert.AreEqual(2, summary.BestEpoch);
        Assert.AreEqual(30, summary.Steps);
        Assert.AreEqual(0.8, summary.FinalTrainingLoss);
        Assert.AreEqual(0.9, summary.FinalValidationLoss);
        Assert.AreEqual(0.7, summary.BestValidationLoss);
        Assert.AreEqual(20, summary.StepsToTarget, "epoch 2 first reached 1.0, after 20 steps");
        Assert.AreEqual(1234, summary.ParameterCount);
        Assert.IsTrue(summary.StoppedEarly);
        Assert.IsFalse(summary.Diverged);
        Assert.AreEqual(TimeSpan.FromSeconds(7), summary.TrainingTime);
        // Global: mean of epoch means (4 + 2 + 2) / 3, max 8, last 1, peak-to-mean 8 / (8/3) = 3.
        Assert.AreEqual(new GradientNormSummary(8 / 3.0, 8, 1, 3), summary.GradientNorm);
        CollectionAssert.AreEqual(new[] { "blocks.0", "head" }, summary.LayerGradientNorms.Keys.ToArray());
        Assert.AreEqual(new GradientNormSummary(2, 9, 2, 4.5), summary.LayerGradientNorms["blocks.0"]);
        Assert.AreEqual(new GradientNormSummary(2, 4, 0.25, 2), summary.LayerGradientNorms["head"]);
    }

    [TestMethod]
    public void FromHistory_OfADivergedRunWithoutEpochs_HasNoLosses()
    {
        var summary = TrainingSummary.FromHistory(new TrainingHistory { Diverged = true, ParameterCount = 5 }, targetValidationLoss: 0.1);
        Assert.IsTrue(summary.Diverged);
        Assert.AreEqual(0, summary.Epochs);
        Assert.IsNull(summary.FinalTrainingLoss);
        Assert.IsNull(summary.StepsToTarget);
        Assert.IsNull(summary.GradientNorm);
        Assert.IsEmpty(summary.LayerGradientNorms);
    }

    [TestMethod]
    public void FromHistory_WithoutATarget_HasNoConvergenceSpeed()
    {
        var history = new TrainingHistory();
        history.Add(Epoch(1, 1, 0.5, steps: 4, global: new(1, 1, 1), layers: []));
        Assert.IsNull(TrainingSummary.FromHistory(history).StepsToTarget);
        Assert.IsNull(TrainingSummary.FromHistory(history, targetValidationLoss: 0.1).StepsToTarget, "never reached");
    }

    private static EpochRecord Epoch(int epoch, double train, double validation, long steps, GradientNormStatistics global, Dictionary<string, GradientNormStatistics> layers) =>
        new(epoch, train, validation, 1e-3, global, layers, steps, TimeSpan.FromSeconds(epoch));
}
