using System.Globalization;
using MLNetNorm.Tests.Sweeping;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Cli;

/// <summary><c>mlnetnorm forecast --scaling</c>, run through the built tool as a child process on small generated data.</summary>
[TestClass]
public sealed class CliForecastScalingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [TestMethod]
    public void ScalingLog_WritesPositiveForecastsInsideTheirBounds()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.LongFormatSeries(scratch.Path, series: 3, length: 96, period: 12);

        Forecast(scratch, data, "log").AssertSucceeded("mlnetnorm forecast --scaling log");

        var rows = File.ReadAllLines(Path.Combine(scratch.Path, "forecasts.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.HasCount(3 * 6, rows);
        foreach (var row in rows)
        {
            var (forecast, lower, upper) = (Parse(row[2]), Parse(row[3]), Parse(row[4]));
            Assert.IsTrue(lower > 0 && lower <= forecast && forecast <= upper, string.Join(',', row));
        }
    }

    [TestMethod]
    public void ScalingLog_OnAZero_FailsNamingTheSeriesAndTime()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.LongFormatSeries(scratch.Path, series: 2, length: 96, period: 12);
        var lines = File.ReadAllLines(data);
        var target = Array.FindIndex(lines, l => l.StartsWith("s1,40,", StringComparison.Ordinal));
        lines[target] = "s1,40,0";
        File.WriteAllLines(data, lines);

        var run = Forecast(scratch, data, "log");

        Assert.AreNotEqual(0, run.ExitCode);
        StringAssert.Contains(run.Output + run.Error, "Series 's1', t = 40: the value 0 is not positive");
        Forecast(scratch, data, "ratio").AssertSucceeded("mlnetnorm forecast --scaling ratio on a series with a zero");
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static BuiltProgram.Result Forecast(TemporaryFolder scratch, string data, string scaling) =>
        BuiltProgram.Run("src/MLNetNorm.Cli", "MLNetNorm.Cli", scratch.Path, Timeout, "forecast", "--train", data, "--horizon", "6", "--season", "12",
            "--epochs", "2", "--hidden", "8", "--scaling", scaling, "--output", "forecasts.csv");
}
