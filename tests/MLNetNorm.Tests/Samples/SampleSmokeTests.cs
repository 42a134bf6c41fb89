using System.Globalization;
using System.Text.RegularExpressions;
using MLNetNorm.Tests.Sweeping;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Samples;

/// <summary>
/// Runs each built sample as a user does (<c>dotnet run --project samples/&lt;Name&gt; -- &lt;data&gt;</c>, here the built
/// assembly) with its <c>--smoke</c> setting, on the real data when MLNETNORM_DATA is set and on generated files in
/// the same formats otherwise, and checks the exit code, the printed table and the PNG charts.
/// </summary>
[TestClass]
public sealed partial class SampleSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [TestMethod]
    public void EverySampleIsCovered()
    {
        var samples = Directory.GetDirectories(Path.Combine(Notebooks.RepositoryPaths.Root, "samples")).Select(Path.GetFileName).Order().ToArray();
        CollectionAssert.AreEqual(new[] { "Forecasting", "PlacementSweep", "TextClassification" }, samples, "add a smoke test for every new sample");
    }

    [TestMethod]
    public void Forecasting_PrintsTheMetricsTableAndWritesTheForecastChart()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.MonthlySeries(scratch.Path);

        var run = BuiltProgram.Run("samples/Forecasting", "Forecasting", scratch.Path, Timeout, data, "--smoke", "--plot", "forecast.png").AssertSucceeded("Forecasting");

        StringAssert.Contains(run.Output, "1 series from");
        Assert.MatchesRegex(HeaderRow(), run.Output);
        foreach (var method in new[] { "LN-LSTM", "Naive", "Seasonal naive", "Naive2" })
        {
            var row = Regex.Match(run.Output, $@"^{Regex.Escape(method)}\s+(?<smape>[\d.]+)\s+(?<mase>[\d.]+)\s+(?<owa>[\d.]+)", RegexOptions.Multiline);
            Assert.IsTrue(row.Success, $"no metrics row for {method}:\n{run.Output}");
            Assert.IsTrue(double.IsFinite(double.Parse(row.Groups["smape"].Value, CultureInfo.InvariantCulture)), method);
        }

        Assert.AreEqual((800, 450), PngFile.AssertValid(Path.Combine(scratch.Path, "forecast.png")));
    }

    [TestMethod]
    public void TextClassification_PrintsTheComparisonTableAndWritesTheCurves()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.TextFolder(scratch.Path);

        var run = BuiltProgram.Run("samples/TextClassification", "TextClassification", scratch.Path, Timeout, data, "--smoke", "--plot", "curves.png")
            .AssertSucceeded("TextClassification");

        StringAssert.Contains(run.Output, "Text classification: accuracy, macro-F1");
        foreach (var system in new[] { "FeaturizeText + SdcaMaximumEntropy", "Transformer Pre-LN, ensemble of 2", "Transformer Pre-LN", "Transformer Post-LN", "Transformer Pre-RMSNorm", "Transformer no norm" })
        {
            Assert.MatchesRegex(new Regex($@"│ MR\s+│ (ML\.NET )?{Regex.Escape(system)}\s+│\s+1 │\s+[01]\.\d{{4}} │"), run.Output, $"no MR row for {system}");
        }

        Assert.MatchesRegex(new Regex(@"│ corefx issues\s+│ Transformer Post-LN, class-balanced loss\s+│\s+1 │\s+[01]\.\d{4} │"), run.Output);
        PngFile.AssertValid(Path.Combine(scratch.Path, "curves.png"));
        PngFile.AssertValid(Path.Combine(scratch.Path, "curves-gradients.png"));
    }

    [TestMethod]
    public void PlacementSweep_PrintsTheTwelveTrialLeaderboardAndWritesItsCharts()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.TextFolder(scratch.Path);
        var output = Path.Combine(scratch.Path, "out");

        var run = BuiltProgram.Run("samples/PlacementSweep", "PlacementSweep", scratch.Path, Timeout, data, output, "--smoke").AssertSucceeded("PlacementSweep");

        var rows = LeaderboardRow().Matches(run.Output);
        Assert.HasCount(12, rows, $"the grid is placement × norm × warmup = 2 × 3 × 2:\n{run.Output}");
        CollectionAssert.AreEquivalent(
            new[] { "Pre", "Post" }.SelectMany(p => new[] { "LayerNorm", "RmsNorm", "None" }.SelectMany(n => new[] { $"{p}-{n}, no warmup", $"{p}-{n}, warmup 2" })).ToArray(),
            rows.Select(r => r.Groups["configuration"].Value.Trim()).ToArray());
        foreach (var chart in new[] { "validation-loss-pre-ln.png", "validation-loss-post-ln.png", "gradient-norms.png", "leaderboard.png" })
        {
            PngFile.AssertValid(Path.Combine(output, chart));
        }
    }

    [GeneratedRegex(@"^Method\s+sMAPE\s+MASE\s+OWA\s+Coverage", RegexOptions.Multiline)]
    private static partial Regex HeaderRow();

    [GeneratedRegex(@"^\| (?<rank>\d+) \| (?<configuration>[^|]+) \| (?<accuracy>\d\.\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex LeaderboardRow();
}
