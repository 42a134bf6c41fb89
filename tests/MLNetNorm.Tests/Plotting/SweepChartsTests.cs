using MLNetNorm.Plotting;
using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Tests.TestData;
using static MLNetNorm.Tests.Sweeping.SearchSpaceTests;

namespace MLNetNorm.Tests.Plotting;

[TestClass]
public sealed class SweepChartsTests
{
    [TestMethod]
    public void OptimizationHistory_IsWrittenAsAPngOfTheRequestedSize()
    {
        var trials = new[]
        {
            Trial(1, TrialState.Completed, 0.9), Trial(2, TrialState.Pruned, null), Trial(3, TrialState.Completed, 0.4),
            Trial(4, TrialState.Completed, double.NaN), Trial(5, TrialState.Failed, null), Trial(6, TrialState.Completed, 0.6),
        };
        var path = Path.Combine(Path.GetTempPath(), $"mlnetnorm-chart-{Guid.NewGuid():N}", "history.png");
        try
        {
            SweepCharts.SaveOptimizationHistory(Leaderboard.Create(trials, "Loss", OptimizationDirection.Minimize), path, width: 640, height: 360);

            Assert.AreEqual((640, 360), PngFile.AssertValid(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [TestMethod]
    public void OptimizationHistory_WithoutCompletedTrials_Explains()
    {
        var board = Leaderboard.Create([Trial(1, TrialState.Failed, null)], "Loss", OptimizationDirection.Minimize);
        Assert.Contains("nothing to plot", Assert.ThrowsExactly<InvalidOperationException>(() => SweepCharts.SaveOptimizationHistory(board, "unused.png")).Message);
    }

    private static TrialRecord Trial(int number, TrialState state, double? loss) => new()
    {
        Number = number,
        State = state,
        Parameters = Set(("X", number / 10.0)),
        Metrics = loss is { } l ? new Dictionary<string, double> { ["Loss"] = l } : new Dictionary<string, double>(),
    };
}
