using MLNetNorm.Tests.Sweeping;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Cli;

/// <summary>
/// The <c>--plot &lt;png&gt;</c> option of the long-running CLI commands (<c>forecast</c>, <c>classify train</c>,
/// <c>sweep classify</c>), run through the built tool as a child process on small generated data.
/// </summary>
[TestClass]
public sealed class CliPlotTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [TestMethod]
    public void ForecastValidate_PlotsOnePanelPerRequestedSeries()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.LongFormatSeries(scratch.Path, series: 4, length: 96, period: 12);

        var run = Cli(scratch, "forecast", "--train", data, "--horizon", "6", "--season", "12", "--epochs", "2", "--hidden", "8", "--validate",
            "--plot", "validate.png", "--plot-series", "3");

        StringAssert.Contains(run.Output, "Naive2");
        StringAssert.Contains(run.Output, "plotted 3 series");
        Assert.AreEqual((900, 900), PngFile.AssertValid(Path.Combine(scratch.Path, "validate.png")), "three stacked panels of 300 px");
    }

    [TestMethod]
    public void Forecast_PlotsTheForecastsBeyondTheData()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.LongFormatSeries(scratch.Path, series: 2, length: 96, period: 12);

        var run = Cli(scratch, "forecast", "--train", data, "--horizon", "6", "--season", "12", "--epochs", "2", "--hidden", "8",
            "--output", "forecasts.csv", "--plot", "forecast.png", "--plot-series", "5");

        StringAssert.Contains(run.Output, "plotted 2 series", "only two series exist");
        Assert.HasCount(1 + 2 * 6, File.ReadAllLines(Path.Combine(scratch.Path, "forecasts.csv")));
        Assert.AreEqual((900, 600), PngFile.AssertValid(Path.Combine(scratch.Path, "forecast.png")));
    }

    [TestMethod]
    public void ClassifyTrain_PlotsTheTrainingCurves()
    {
        using var scratch = TemporaryFolder.Created();
        var train = MovieReviewFile(scratch, rows: 200);

        var run = Cli(scratch, "classify", "train", "--train", train, "--label-col", "Label", "--text-col", "Text", "--model", "model.zip",
            "--epochs", "2", "--layers", "1", "--width", "16", "--heads", "2", "--device", "cpu", "--plot", "curves.png");

        StringAssert.Contains(run.Output, "Training curves:");
        Assert.IsTrue(File.Exists(Path.Combine(scratch.Path, "model.zip")));
        Assert.AreEqual((900, 500), PngFile.AssertValid(Path.Combine(scratch.Path, "curves.png")));
    }

    [TestMethod]
    public void SweepClassify_PlotsTheLeaderboardAndHistory()
    {
        using var scratch = TemporaryFolder.Created();
        var train = MovieReviewFile(scratch, rows: 120);

        Cli(scratch, "sweep", "classify", "--train", train, "--label-col", "Label", "--text-col", "Text", "--epochs", "1", "--device", "cpu",
            "--tuner", "random", "--max-trials", "2", "--no-pruning", "--storage", "study.db", "--plot", "leaderboard.png");

        PngFile.AssertValid(Path.Combine(scratch.Path, "leaderboard.png"));
        PngFile.AssertValid(Path.Combine(scratch.Path, "leaderboard-history.png"));
    }

    private static string MovieReviewFile(TemporaryFolder scratch, int rows)
    {
        var path = Path.Combine(scratch.Path, "train.tsv");
        SampleDataFiles.WriteMovieReviews(path, rows);
        return path;
    }

    private static BuiltProgram.Result Cli(TemporaryFolder scratch, params string[] arguments) =>
        BuiltProgram.Run("src/MLNetNorm.Cli", "MLNetNorm.Cli", scratch.Path, Timeout, arguments).AssertSucceeded($"mlnetnorm {string.Join(' ', arguments)}");
}
