using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Tests.Reference;
using MLNetNorm.Tests.TestData;
using static MLNetNorm.Tests.Forecasting.ForecasterTestSetup;

namespace MLNetNorm.Tests.Forecasting;

/// <summary><see cref="ForecastScaling"/>: the two scaled axes, and what <see cref="ForecastScaling.LogRatio"/> demands of the data.</summary>
[TestClass]
public sealed class LogRatioScalingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(ForecastScaling.Ratio, new[] { -3.5f, 0f, 0.01f, 1f, 250f, 1e6f })]
    [DataRow(ForecastScaling.LogRatio, new[] { 1e-4f, 0.01f, 1f, 250f, 1e6f })]
    public void ScaleMatchesItsDefinition_AndUnscaleInvertsIt(ForecastScaling scaling, float[] values)
    {
        const float level = 37.5f;
        foreach (var value in values)
        {
            var expected = ReferenceScaling.Scale(value, level, scaling);
            var scaled = ForecastWindows.Scale(value, level, scaling);

            Assert.AreEqual(expected, scaled, 1e-6 * Math.Max(1, Math.Abs(expected)), $"Scale({value})");
            Assert.AreEqual(value, ForecastWindows.Unscale(scaled, level, scaling), 1e-5 * Math.Max(1, Math.Abs(value)), $"Unscale(Scale({value}))");
        }
    }

    [TestMethod]
    public void LogRatio_ForecastsPositively_WithTheForecastInsideItsInterval_AndSavesAndLoadsIdentically()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(3, 60));
        var options = Options(epochs: 3);
        options.Scaling = ForecastScaling.LogRatio;
        var model = Fit(mlContext, data, options);

        var forecasts = model.ForecastTrainedSeries();
        var loaded = SaveAndLoad(TestContext, mlContext, model, data);

        Assert.AreEqual(ForecastScaling.LogRatio, loaded.Scaling);
        AssertSame(forecasts, loaded.ForecastTrainedSeries());
        foreach (var f in forecasts)
        {
            for (var k = 0; k < Horizon; k++)
            {
                Assert.IsTrue(f.LowerBound[k] > 0 && f.LowerBound[k] <= f.Forecast[k] && f.Forecast[k] <= f.UpperBound[k] && float.IsFinite(f.UpperBound[k]),
                    $"{f.SeriesId} step {k + 1}: {f.LowerBound[k]} ≤ {f.Forecast[k]} ≤ {f.UpperBound[k]}, all positive");
            }
        }

        var ratio = Fit(mlContext, data, Options(epochs: 3)).ForecastTrainedSeries();
        Assert.IsTrue(forecasts.Zip(ratio).Any(p => !p.First.Forecast.SequenceEqual(p.Second.Forecast)), "the log-ratio network sees other inputs");
    }

    [TestMethod]
    public void LogRatio_RejectsANonPositiveValue_NamingTheSeriesAndTime_WhileRatioTrainsOnIt()
    {
        var mlContext = new MLContext(1);
        var series = Series(3, 60);
        series[1].Values[17] = 0;
        var data = GeneratedSeries.Load(mlContext, series);
        var options = Options(epochs: 1);
        options.Scaling = ForecastScaling.LogRatio;

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Fit(mlContext, data, options));

        StringAssert.Contains(error.Message, "Series 's1', t = 17: the value 0 is not positive");
        StringAssert.Contains(error.Message, "Scaling = Ratio");
        var ratio = Fit(mlContext, data, Options(epochs: 1)).ForecastTrainedSeries();
        Assert.IsTrue(ratio.All(f => f.Forecast.All(float.IsFinite)));
    }

    [TestMethod]
    public void LogRatioModel_RejectsNonPositiveValuesInTheWindowItReads_ButNotOlderOnes()
    {
        var mlContext = new MLContext(1);
        var series = Series(2, 60);
        var options = Options(epochs: 1);
        options.Scaling = ForecastScaling.LogRatio;
        var model = Fit(mlContext, GeneratedSeries.Load(mlContext, series), options);

        var engine = model.CreateForecastEngine();
        var update = Assert.ThrowsExactly<ArgumentException>(() => engine.Update("s0", [5f, -1f]));
        StringAssert.Contains(update.Message, "Series 's0', new observation 1: the value -1 is not positive");

        series[0].Values[59 - Window] = -2; // just before the last window: never read
        Assert.HasCount(2, model.Forecast(GeneratedSeries.Load(mlContext, series)));
        series[0].Values[60 - Window] = -2; // the window's first value
        var history = Assert.ThrowsExactly<InvalidOperationException>(() => model.Forecast(GeneratedSeries.Load(mlContext, series)));
        StringAssert.Contains(history.Message, $"Series 's0', t = {60 - Window}: the value -2 is not positive");
    }

    [TestMethod]
    public void UndefinedScaling_IsRejectedByName()
    {
        var options = Options();
        options.Scaling = (ForecastScaling)7;

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);

        StringAssert.Contains(error.Message, "Scaling");
    }
}
