using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Tests.TestData;
using static MLNetNorm.Tests.Forecasting.ForecasterTestSetup;

namespace MLNetNorm.Tests.Forecasting;

/// <summary>
/// <see cref="LayerNormRnnForecasterOptions.SeasonalNaiveBlend"/>: each series' seasonal-naive weight minimizes the
/// scaled MAE of its held-out horizon (checked against a double-precision reference built from the network-only
/// forecasts), the forecasts are that blend, and the weights survive save/load and drive the engine.
/// </summary>
[TestClass]
public sealed class SeasonalNaiveBlendTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(ForecastScaling.Ratio)]
    [DataRow(ForecastScaling.LogRatio)]
    public void EachSeriesWeight_MinimizesItsHeldOutError_AndTheForecastsAreThatBlend(ForecastScaling scaling)
    {
        var mlContext = new MLContext(1);
        var series = MixedSeries();
        var model = Fit(mlContext, GeneratedSeries.Load(mlContext, series), BlendOptions(scaling));
        var networkOnly = model.WithoutSeasonalNaiveBlend();

        // The network's forecast of every held-out horizon, from the history before it.
        var heldOut = networkOnly.Forecast(GeneratedSeries.Load(mlContext, series.Select(s => (s.Id, s.Values[..^Horizon])))).ToDictionary(f => f.SeriesId);
        var weights = new Dictionary<string, double>();
        for (var i = 0; i < series.Count; i++)
        {
            var history = series[i].Values[..^Horizon];
            var level = Level(history);
            var actual = series[i].Values[^Horizon..].Select(v => Scale(v, level, scaling)).ToArray();
            var network = heldOut[series[i].Id].Forecast.Select(v => Scale(v, level, scaling)).ToArray();
            var naive = SeasonalNaive(history).Select(v => Scale(v, level, scaling)).ToArray();
            var errors = Enumerable.Range(0, 11).Select(j => Enumerable.Range(0, Horizon).Sum(k => Math.Abs(actual[k] - ((1 - j / 10.0) * network[k] + j / 10.0 * naive[k])))).ToArray();
            var chosen = model.SeasonalNaiveWeights.TryGetValue(series[i].Id, out var w) ? w : 0f;
            Assert.IsLessThanOrEqualTo(errors.Min() + 1e-4, errors[(int)Math.Round(chosen * 10)],
                $"{series[i].Id}: weight {chosen} has held-out error {errors[(int)Math.Round(chosen * 10)]}, the best weight {Array.IndexOf(errors, errors.Min()) / 10.0} has {errors.Min()}");
            weights[series[i].Id] = chosen;
        }

        Assert.AreEqual(1.0, weights["p0"], "an exactly periodic series is copied: seasonal naive alone");
        Assert.AreEqual(1.0, weights["p1"]);
        Assert.IsTrue(weights.Values.Any(w => w < 1), "some series keep part of the network: " + string.Join(", ", weights));

        var blended = model.ForecastTrainedSeries().ToDictionary(f => f.SeriesId);
        var plain = networkOnly.ForecastTrainedSeries().ToDictionary(f => f.SeriesId);
        foreach (var (id, values) in series)
        {
            var (level, naive, w) = (Level(values), SeasonalNaive(values), weights[id]);
            var (mixed, network) = (blended[id], plain[id]);
            for (var k = 0; k < Horizon; k++)
            {
                var expected = Unscale((1 - w) * Scale(network.Forecast[k], level, scaling) + w * Scale(naive[k], level, scaling), level, scaling);
                Assert.AreEqual(expected, mixed.Forecast[k], 2e-4 * Math.Abs(expected), $"{id} step {k + 1}, weight {w}");
                if (w == 0)
                {
                    Assert.AreEqual(network.Forecast[k], mixed.Forecast[k], $"{id} step {k + 1}: weight 0 leaves the network's forecast as it is");
                }

                Assert.IsTrue(mixed.LowerBound[k] <= mixed.Forecast[k] && mixed.Forecast[k] <= mixed.UpperBound[k], $"{id} step {k + 1} inside its interval");
            }
        }
    }

    [TestMethod]
    public void Weights_SurviveSaveAndLoad_AndFollowTheSeriesIntoTheEngine()
    {
        var mlContext = new MLContext(1);
        var series = MixedSeries();
        var data = GeneratedSeries.Load(mlContext, series);
        var model = Fit(mlContext, data, BlendOptions(ForecastScaling.Ratio));
        var loaded = SaveAndLoad(TestContext, mlContext, model, data);

        CollectionAssert.AreEquivalent(model.SeasonalNaiveWeights.ToList(), loaded.SeasonalNaiveWeights.ToList());
        AssertSame(model.ForecastTrainedSeries(), loaded.ForecastTrainedSeries());

        // p0 (weight 1) continues its cycle: the engine's forecast repeats the updated last season.
        var p0 = series.Single(s => s.Id == "p0").Values;
        var next = Enumerable.Range(p0.Length, 3).Select(t => Periodic(t, 50, 0.7)).ToArray();
        var engine = loaded.CreateForecastEngine();
        engine.Update("p0", next);
        var updated = p0.Concat(next).ToArray();
        CollectionAssert.AreEqual(SeasonalNaive(updated).Select(v => (double)v).ToArray(), engine.Predict("p0").Forecast.Select(v => (double)v).ToArray(),
            new RelativeComparer(1e-5), "the engine applies p0's weight to its new state");

        // A series new to the model gets the network alone.
        var fresh = series[0].Values[..Window].Select(v => v * 2).ToArray();
        var plainEngine = loaded.WithoutSeasonalNaiveBlend().CreateForecastEngine();
        engine.Update("new", fresh);
        plainEngine.Update("new", fresh);
        CollectionAssert.AreEqual(plainEngine.Predict("new").Forecast, engine.Predict("new").Forecast);
    }

    [TestMethod]
    public void Blend_NeedsTheSeasonInsideTheWindow()
    {
        var options = Options();
        options.SeasonalNaiveBlend = true;
        options.SeasonalPeriod = Window + 1;

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);

        StringAssert.Contains(error.Message, "SeasonalPeriod");
        StringAssert.Contains(error.Message, "SeasonalNaiveBlend");
    }

    /// <summary>Four noisy trending sines (s0–s3) and two exactly periodic series (p0, p1) that seasonal naive forecasts without error.</summary>
    private static List<(string Id, float[] Values)> MixedSeries(int length = 80)
    {
        var series = Series(4, length);
        series.Add(("p0", Enumerable.Range(0, length).Select(t => Periodic(t, 50, 0.7)).ToArray()));
        series.Add(("p1", Enumerable.Range(0, length).Select(t => Periodic(t, 400, 2.1)).ToArray()));
        return series;
    }

    private static float Periodic(int t, double level, double phase) => (float)(level * (1 + 0.3 * Math.Sin(2 * Math.PI * t / Season + phase)));

    private static LayerNormRnnForecasterOptions BlendOptions(ForecastScaling scaling)
    {
        var options = Options(epochs: 3);
        (options.Scaling, options.SeasonalNaiveBlend) = (scaling, true);
        return options;
    }

    /// <summary>The last season of <paramref name="history"/>, repeated over the horizon.</summary>
    private static float[] SeasonalNaive(float[] history) => Enumerable.Range(0, Horizon).Select(k => history[history.Length - Season + k % Season]).ToArray();

    /// <summary>The window's level: the mean absolute value of the last <see cref="ForecasterTestSetup.Window"/> observations.</summary>
    private static double Level(float[] history) => history[^Window..].Average(v => Math.Abs((double)v));

    private static double Scale(double value, double level, ForecastScaling scaling) => scaling == ForecastScaling.LogRatio ? Math.Log(value / level) : value / level - 1;

    private static double Unscale(double scaled, double level, ForecastScaling scaling) => scaling == ForecastScaling.LogRatio ? Math.Exp(scaled) * level : (scaled + 1) * level;

    private sealed class RelativeComparer(double tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) <= tolerance * Math.Max(1, Math.Abs((double)x!)) ? 0 : 1;
    }
}
