using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Normalization;
using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Objectives;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Sweeping.Tuners;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Sweeping.Objectives;

[TestClass]
public sealed class ForecastingObjectiveTests
{
    private const int Horizon = 4;

    [TestMethod]
    public void EachTrialIsScoredOnTheHeldOutLastHorizonAsTheSavedModelsForecastsScoreByHand()
    {
        var mlContext = new MLContext(5);
        var series = GeneratedSeries.Sines(count: 3, length: 60, period: 6, seed: 2);
        var objective = new ForecastingObjective(mlContext, series, () => new LayerNormRnnForecasterOptions
        {
            Horizon = Horizon, SeasonalPeriod = 6, HiddenSize = 8, Epochs = 2, WindowsPerSeries = 8, BatchSize = 8, Device = "cpu",
        });
        using var study = new StudyFile();
        using var models = new TemporaryFolder();
        var result = new SweepExperiment(mlContext, new SweepOptions
        {
            SearchSpace = new SearchSpace().AddChoice(nameof(LayerNormRnnForecasterOptions.NormKind), NormKind.LayerNorm, NormKind.None),
            Metric = ForecastingObjective.SymmetricMape,
            Tuner = new GridTuner(2),
            StoragePath = study.Path,
            ModelDirectory = models.Path,
        }).Run(objective);

        Assert.HasCount(2, result.Trials);
        foreach (var trial in result.Trials)
        {
            Assert.AreEqual(TrialState.Completed, trial.State, trial.Error);
            Assert.HasCount(2, trial.IntermediateValues);
            var fitted = (LayerNormRnnForecastingTransformer)mlContext.Model.Load(trial.ModelPath!, out _);
            var forecasts = fitted.ForecastTrainedSeries().ToDictionary(f => f.SeriesId);
            var smape = series.Average(s =>
            {
                var actual = s.Values[^Horizon..];
                var forecast = forecasts[s.Id].Forecast;
                return Enumerable.Range(0, Horizon).Average(k => 200.0 * Math.Abs(actual[k] - forecast[k]) / (Math.Abs(actual[k]) + Math.Abs(forecast[k])));
            });
            Assert.AreEqual(smape, trial.MetricValue(ForecastingObjective.SymmetricMape)!.Value, 1e-3);
            Assert.IsTrue(trial.Metrics.ContainsKey(ForecastingObjective.Owa));
        }
    }

    [TestMethod]
    public void TheDefaultSpaceBindsToTheOptionsWithWindowsNoShorterThanTheHorizon()
    {
        var space = ForecastingObjective.DefaultSearchSpace(horizon: 48, seasonalPeriod: 24);
        for (var i = 0; i < 20; i++)
        {
            var options = new LayerNormRnnForecasterOptions { Horizon = 48, SeasonalPeriod = 24 };
            space.Sample(new Random(i)).ApplyTo(options);
            options.Validate();
            Assert.IsGreaterThanOrEqualTo(48, options.WindowSize);
        }
    }

    [TestMethod]
    public void ASeriesShorterThanTheHorizonIsNamed()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new ForecastingObjective(new MLContext(1), [("tiny", new float[3])],
            () => new LayerNormRnnForecasterOptions { Horizon = Horizon }));
        Assert.Contains("'tiny'", error.Message);
    }
}
