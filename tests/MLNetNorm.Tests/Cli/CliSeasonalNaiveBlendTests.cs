using MLNetNorm.Tests.Sweeping;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Cli;

/// <summary><c>mlnetnorm forecast --seasonal-naive-blend</c>, run through the built tool as a child process on small generated data.</summary>
[TestClass]
public sealed class CliSeasonalNaiveBlendTests
{
    [TestMethod]
    public void ValidateWithTheBlend_ReportsTheNetworkAloneAndBlended_FromOneTraining()
    {
        using var scratch = TemporaryFolder.Created();
        var data = SampleDataFiles.LongFormatSeries(scratch.Path, series: 3, length: 96, period: 12);

        var run = BuiltProgram.Run("src/MLNetNorm.Cli", "MLNetNorm.Cli", scratch.Path, TimeSpan.FromMinutes(3), "forecast", "--train", data, "--horizon", "6",
            "--season", "12", "--epochs", "2", "--hidden", "8", "--validate", "--seasonal-naive-blend");

        run.AssertSucceeded("mlnetnorm forecast --validate --seasonal-naive-blend");
        var text = string.Join(' ', run.Output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)); // the console wraps long lines
        StringAssert.Contains(text, "of 3 series take a weight above 0");
        StringAssert.Contains(text, "Lstm (LayerNorm) + seasonal-naive"); // the table may wrap the rest of the row name
        Assert.AreEqual(1, run.Output.Split('\n').Count(l => l.Contains("Lstm (LayerNorm)", StringComparison.Ordinal) && l.Contains("network only", StringComparison.Ordinal)),
            "one network-only row");
    }
}
