using System.Security.Cryptography;
using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Persistence;
using MLNetNorm.Tests.TestData;
using static MLNetNorm.Tests.Reference.ReferenceScaling;
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
    [DataRow(ForecastScaling.Ratio, 6)]
    [DataRow(ForecastScaling.LogRatio, 6)]
    [DataRow(ForecastScaling.Ratio, 9)] // horizon longer than the season: seasonal naive wraps around
    [DataRow(ForecastScaling.LogRatio, 4)] // horizon shorter than the season
    public void EachSeriesWeight_MinimizesItsHeldOutError_AndTheForecastsAreThatBlend(ForecastScaling scaling, int horizon)
    {
        var mlContext = new MLContext(1);
        var series = MixedSeries();
        var model = Fit(mlContext, GeneratedSeries.Load(mlContext, series), BlendOptions(scaling, horizon));
        var networkOnly = model.WithoutSeasonalNaiveBlend();

        // The network's forecast of every held-out horizon, from the history before it.
        var heldOut = networkOnly.Forecast(GeneratedSeries.Load(mlContext, series.Select(s => (s.Id, s.Values[..^horizon])))).ToDictionary(f => f.SeriesId);
        var weights = new Dictionary<string, double>();
        foreach (var (id, values) in series)
        {
            var history = values[..^horizon];
            var level = Level(history);
            var actual = values[^horizon..].Select(v => Scale(v, level, scaling)).ToArray();
            var network = heldOut[id].Forecast.Select(v => Scale(v, level, scaling)).ToArray();
            var naive = SeasonalNaive(history, horizon).Select(v => Scale(v, level, scaling)).ToArray();
            var errors = Enumerable.Range(0, 11).Select(j => Enumerable.Range(0, horizon).Sum(k => Math.Abs(actual[k] - ((1 - j / 10.0) * network[k] + j / 10.0 * naive[k])))).ToArray();
            var chosen = model.SeasonalNaiveWeights.TryGetValue(id, out var w) ? w : 0f;
            Assert.IsLessThanOrEqualTo(errors.Min() + 1e-4, errors[(int)Math.Round(chosen * 10)],
                $"{id}: weight {chosen} has held-out error {errors[(int)Math.Round(chosen * 10)]}, the best weight {Array.IndexOf(errors, errors.Min()) / 10.0} has {errors.Min()}");
            weights[id] = chosen;
        }

        Assert.AreEqual(1.0, weights["p0"], "an exactly periodic series is copied: seasonal naive alone");
        Assert.AreEqual(1.0, weights["p1"]);
        Assert.IsTrue(weights.Values.Any(w => w < 1), "some series keep part of the network: " + string.Join(", ", weights));

        var blended = model.ForecastTrainedSeries().ToDictionary(f => f.SeriesId);
        var plain = networkOnly.ForecastTrainedSeries().ToDictionary(f => f.SeriesId);
        foreach (var (id, values) in series)
        {
            var (level, naive, w) = (Level(values), SeasonalNaive(values, horizon), weights[id]);
            for (var k = 0; k < horizon; k++)
            {
                var expected = Unscale((1 - w) * Scale(plain[id].Forecast[k], level, scaling) + w * Scale(naive[k], level, scaling), level, scaling);
                Assert.AreEqual(expected, blended[id].Forecast[k], 2e-4 * Math.Abs(expected), $"{id} step {k + 1}, weight {w}");
                Assert.IsTrue(blended[id].LowerBound[k] <= blended[id].Forecast[k] && blended[id].Forecast[k] <= blended[id].UpperBound[k], $"{id} step {k + 1} inside its interval");
            }
        }

        AssertHalfWidthsAreConformalQuantilesOfTheBlendedResiduals(mlContext, model, series, scaling, horizon);
    }

    [TestMethod]
    public void BestWeight_FindsTheMinimizingWeight_KeepsTheSmallerOnTies_AndRejectsNonFiniteValues()
    {
        // |0.3 − w| is smallest at w = 0.3.
        Assert.AreEqual(0.3f, SeasonalNaiveBlend.BestWeight("a", [0.3f], [0f], [1f]));

        // Seasonal naive exact, the network not: w = 1.
        Assert.AreEqual(1f, SeasonalNaiveBlend.BestWeight("b", [0.5f, -0.2f], [0.9f, 0.1f], [0.5f, -0.2f]));

        // Network and seasonal naive both exact: every weight has error 0, and the tie keeps the smallest, 0 (the network alone).
        Assert.AreEqual(0f, SeasonalNaiveBlend.BestWeight("c", [0.25f, -0.5f], [0.25f, -0.5f], [0.25f, -0.5f]));

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => SeasonalNaiveBlend.BestWeight("H7", [0.1f], [float.NaN], [0.2f]));
        StringAssert.Contains(error.Message, "Series 'H7'");
        StringAssert.Contains(error.Message, "not finite");
    }

    [TestMethod]
    public void Apply_WithWeightZero_LeavesTheNetworkForecastBitForBit_AndWithWeightOneCopiesTheLastSeason()
    {
        var settings = ForecastingSettings.From(BlendOptions(ForecastScaling.LogRatio, horizon: 9));
        var values = Enumerable.Range(1, Window).Select(t => (float)(10 + t)).ToArray();
        var window = new ForecastWindow(values, values.Length, 0);
        var network = Enumerable.Range(0, 9).Select(k => 0.01f * k - 0.03f).ToArray();
        var naive = new float[9];

        var unchanged = (float[])network.Clone();
        SeasonalNaiveBlend.Apply(window, 20f, settings, 0f, unchanged, naive);
        CollectionAssert.AreEqual(network, unchanged);

        var copied = (float[])network.Clone();
        SeasonalNaiveBlend.Apply(window, 20f, settings, 1f, copied, naive);
        var lastSeason = SeasonalNaive(values, 9).Select(v => (float)Math.Log(v / 20.0)).ToArray();
        for (var k = 0; k < 9; k++)
        {
            Assert.AreEqual(lastSeason[k], copied[k], 1e-6, $"step {k + 1} repeats value {values.Length - Season + k % Season}");
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
    public void AStoredWeightOutsideZeroToOne_FailsToLoad_NamingTheSeries()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, MixedSeries());
        var model = Fit(mlContext, data, BlendOptions(ForecastScaling.Ratio));
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"blend-{Guid.NewGuid():N}.zip");
        mlContext.Model.Save(model, data.Schema, path);

        // State.bin is magic (4 bytes), payload length (8), payload, SHA-256 (32); the weights end the payload, so its last
        // 4 bytes are the last stored weight. Set it to 1.5 and re-sign, so only the weight check can catch it.
        ModelStateEntry.Edit(path, state =>
        {
            var payload = state.AsSpan(12, state.Length - 12 - SHA256.HashSizeInBytes);
            BitConverter.GetBytes(1.5f).CopyTo(payload[^4..]);
            SHA256.HashData(payload).CopyTo(state.AsSpan(state.Length - SHA256.HashSizeInBytes));
        });

        var error = Assert.ThrowsExactly<ModelLoadException>(() => ModelFile.Load(new MLContext(1), path, out _));

        StringAssert.Contains(error.Message, "The stored seasonal-naive weight of series '");
        StringAssert.Contains(error.Message, "is 1.5; weights must be in (0, 1]");
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

    private static LayerNormRnnForecasterOptions BlendOptions(ForecastScaling scaling, int horizon = Horizon)
    {
        var options = Options(epochs: 3);
        (options.Scaling, options.SeasonalNaiveBlend, options.Horizon) = (scaling, true, horizon);
        return options;
    }

    /// <summary>
    /// Rebuilds the split-conformal half-widths independently: for every origin in each series' held-out last horizon,
    /// the model's (blended) forecast from the history before it gives one scaled residual per step whose target lies in
    /// that horizon; step k's half-width is the ⌈(n + 1)·0.95⌉-th smallest of its n residuals.
    /// </summary>
    private static void AssertHalfWidthsAreConformalQuantilesOfTheBlendedResiduals(
        MLContext mlContext, LayerNormRnnForecastingTransformer model, List<(string Id, float[] Values)> series, ForecastScaling scaling, int horizon)
    {
        var residuals = Enumerable.Range(0, horizon).Select(_ => new List<double>()).ToArray();
        var length = series[0].Values.Length;
        for (var origin = length - horizon; origin < length; origin++)
        {
            var forecasts = model.Forecast(GeneratedSeries.Load(mlContext, series.Select(s => (s.Id, s.Values[..origin])))).ToDictionary(f => f.SeriesId);
            foreach (var (id, values) in series)
            {
                var level = Level(values[..origin]);
                for (var k = 0; origin + k < length; k++)
                {
                    residuals[k].Add(Math.Abs(Scale(values[origin + k], level, scaling) - Scale(forecasts[id].Forecast[k], level, scaling)));
                }
            }
        }

        for (var k = 0; k < horizon; k++)
        {
            var sorted = residuals[k].Order().ToList();
            var expected = sorted[Math.Clamp((int)Math.Ceiling((sorted.Count + 1) * model.ConfidenceLevel), 1, sorted.Count) - 1];
            Assert.AreEqual(expected, model.IntervalHalfWidths[k], 1e-4 * (1 + expected), $"half-width of step {k + 1} from {sorted.Count} blended residuals");
        }
    }

    /// <summary>The last season of <paramref name="history"/>, repeated over <paramref name="horizon"/> steps.</summary>
    private static float[] SeasonalNaive(float[] history, int horizon = Horizon) => Enumerable.Range(0, horizon).Select(k => history[history.Length - Season + k % Season]).ToArray();

    /// <summary>The window's level: the mean absolute value of the last <see cref="ForecasterTestSetup.Window"/> observations.</summary>
    private static double Level(float[] history) => Reference.ReferenceScaling.Level(history, Window);

    private sealed class RelativeComparer(double tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) <= tolerance * Math.Max(1, Math.Abs((double)x!)) ? 0 : 1;
    }
}
