using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Tests.Sweeping;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Cli;

/// <summary><c>mlnetnorm forecast --seasonal-naive-blend</c>, run through the built tool as a child process on small generated data.</summary>
[TestClass]
public sealed partial class CliSeasonalNaiveBlendTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [TestMethod]
    public void Blend_ReachesTheSavedModel_AndThePrintedCountMatchesItsWeights()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.LongFormatSeries(scratch.Path, series: 3, length: 96, period: 12);

        var run = Forecast(scratch, data, "--seasonal-naive-blend", "--model", "blend.zip", "--output", "forecasts.csv");

        run.AssertSucceeded("mlnetnorm forecast --seasonal-naive-blend --model blend.zip");
        var printed = WeightedSeriesLine().Match(Collapse(run.Output));
        Assert.IsTrue(printed.Success, "the weighted-series count is printed: " + run.Output);
        var model = (LayerNormRnnForecastingTransformer)new MLContext(1).Model.Load(Path.Combine(scratch.Path, "blend.zip"), out _);
        Assert.HasCount(int.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture), model.SeasonalNaiveWeights);
        Assert.IsNotEmpty(model.SeasonalNaiveWeights, "on three clean sines seasonal naive takes some weight, so the option reached the estimator");
    }

    [TestMethod]
    public void ValidateWithTheBlend_ReportsTheNetworkAloneAndBlended_FromOneTraining()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.LongFormatSeries(scratch.Path, series: 3, length: 96, period: 12);

        var run = Forecast(scratch, data, "--validate", "--seasonal-naive-blend");

        run.AssertSucceeded("mlnetnorm forecast --validate --seasonal-naive-blend");
        StringAssert.Contains(Collapse(run.Output), "Lstm (LayerNorm) + seasonal-naive"); // the table may wrap the rest of the row name
        Assert.AreEqual(1, run.Output.Split('\n').Count(l => l.Contains("Lstm (LayerNorm)", StringComparison.Ordinal) && l.Contains("network only", StringComparison.Ordinal)),
            "one network-only row");
    }

    /// <summary>The console wraps long lines; compare on single-spaced text.</summary>
    private static string Collapse(string output) => string.Join(' ', output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"seasonal-naive blend: (\d+) of 3 series take a weight above 0")]
    private static partial Regex WeightedSeriesLine();

    private static BuiltProgram.Result Forecast(TemporaryFolder scratch, string data, params string[] extra) =>
        BuiltProgram.Run("src/MLNetNorm.Cli", "MLNetNorm.Cli", scratch.Path, Timeout,
            ["forecast", "--train", data, "--horizon", "6", "--season", "12", "--epochs", "2", "--hidden", "8", .. extra]);
}
