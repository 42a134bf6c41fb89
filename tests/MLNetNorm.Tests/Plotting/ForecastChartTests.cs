using MLNetNorm.Plotting;
using MLNetNorm.Tests.Sweeping;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Plotting;

[TestClass]
public sealed class ForecastChartTests
{
    [TestMethod]
    public void FromTail_KeepsTheLastPointsAndTheirTimeIndex()
    {
        var panel = ForecastPanel.FromTail("s1", [1f, 2f, 3f, 4f, 5f], [6f, 7f], [5f, 6f], [7f, 8f], actual: [6.5f, 7.5f], shown: 3);

        CollectionAssert.AreEqual(new[] { 3.0, 4.0, 5.0 }, panel.History.ToArray());
        Assert.AreEqual(2, panel.HistoryStart, "the first shown point is time step 2 of the series");
        CollectionAssert.AreEqual(new[] { 6.5, 7.5 }, panel.Actual!.ToArray());
        Assert.HasCount(5, ForecastPanel.FromTail("short", [1f, 2f, 3f, 4f, 5f], [6f], [5f], [7f], shown: 50).History);
    }

    [TestMethod]
    public void SeveralSeries_AreStackedInOnePng()
    {
        using var folder = new TemporaryFolder();
        var panels = Enumerable.Range(0, 3).Select(i => Panel($"series {i}", offset: 10 * i)).ToList();

        var path = ForecastChart.Save(Path.Combine(folder.Path, "three.png"), panels, "95% interval", width: 700, panelHeight: 200);

        Assert.AreEqual((700, 600), PngFile.AssertValid(path));
    }

    [TestMethod]
    public void OneSeries_UsesTheChartSize()
    {
        using var folder = new TemporaryFolder();
        var path = ForecastChart.Save(Path.Combine(folder.Path, "one.png"), "s", Panel("s", 0).History, [1, 2], [0, 1], [2, 3], actual: [1.5, 2.5]);

        Assert.AreEqual((900, 500), PngFile.AssertValid(path));
    }

    [TestMethod]
    public void MismatchedInterval_NamesTheSeries()
    {
        var bad = new ForecastPanel("store 7", [1, 2, 3], [4, 5], [3], [5, 6]);
        var error = Assert.ThrowsExactly<ArgumentException>(() => ForecastChart.Save("unused.png", [Panel("ok", 0), bad]));
        Assert.Contains("store 7", error.Message);
        Assert.Contains("1 lower", error.Message);
    }

    [TestMethod]
    public void NoSeries_IsAnError() =>
        Assert.Contains("no series", Assert.ThrowsExactly<ArgumentException>(() => ForecastChart.Save("unused.png", Array.Empty<ForecastPanel>())).Message);

    private static ForecastPanel Panel(string title, double offset)
    {
        var history = Enumerable.Range(0, 48).Select(t => offset + 10 + 5 * Math.Sin(2 * Math.PI * t / 12)).ToArray();
        var forecast = Enumerable.Range(48, 12).Select(t => offset + 10 + 5 * Math.Sin(2 * Math.PI * t / 12)).ToArray();
        return new ForecastPanel(title, history, forecast, forecast.Select(v => v - 2).ToArray(), forecast.Select(v => v + 2).ToArray(), forecast.Select(v => v + 0.5).ToArray());
    }
}
