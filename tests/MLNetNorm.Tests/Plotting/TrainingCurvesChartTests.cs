using MLNetNorm.Plotting;
using MLNetNorm.Tests.Sweeping;
using MLNetNorm.Tests.TestData;
using MLNetNorm.Training;

namespace MLNetNorm.Tests.Plotting;

[TestClass]
public sealed class TrainingCurvesChartTests
{
    [TestMethod]
    public void OneRun_IsWrittenWithLossAndGradientNorm()
    {
        using var folder = new TemporaryFolder();
        var path = TrainingCurvesChart.SaveRun(Path.Combine(folder.Path, "run.png"), "Pre-LN", History(5, withValidation: true));
        Assert.AreEqual((900, 500), PngFile.AssertValid(path));
    }

    [TestMethod]
    public void RunWithoutValidation_IsWritten()
    {
        using var folder = new TemporaryFolder();
        PngFile.AssertValid(TrainingCurvesChart.SaveRun(Path.Combine(folder.Path, "run.png"), "no validation", History(3, withValidation: false)));
    }

    [TestMethod]
    public void SeveralRuns_AreWrittenForBothCurves()
    {
        using var folder = new TemporaryFolder();
        var runs = new Dictionary<string, TrainingHistory> { ["Pre-LN"] = History(4, true), ["Post-LN"] = History(4, true) };
        PngFile.AssertValid(TrainingCurvesChart.Save(Path.Combine(folder.Path, "loss.png"), "loss", runs));
        PngFile.AssertValid(TrainingCurvesChart.Save(Path.Combine(folder.Path, "gradients.png"), "gradients", runs, TrainingCurvesChart.Curve.GradientNorm));
    }

    [TestMethod]
    public void EmptyHistory_Explains() =>
        Assert.Contains("no epoch", Assert.ThrowsExactly<ArgumentException>(() => TrainingCurvesChart.SaveRun("unused.png", "t", new TrainingHistory())).Message);

    private static TrainingHistory History(int epochs, bool withValidation)
    {
        var history = new TrainingHistory { BestEpoch = epochs - 1 };
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            history.Add(new EpochRecord(epoch, 1.0 / epoch, withValidation ? 1.2 / epoch + 0.01 * epoch : null, 1e-3,
                new GradientNormStatistics(2.0 / epoch, 4.0 / epoch, 1.5 / epoch), new Dictionary<string, GradientNormStatistics>(), 10L * epoch, TimeSpan.FromSeconds(epoch)));
        }

        return history;
    }
}
