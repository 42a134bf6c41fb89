using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Forecasting.Evaluation;

namespace MLNetNorm.Tests.Forecasting;

/// <summary>A short end-to-end run on four real M4 Hourly series (needs MLNETNORM_DATA); the full benchmark is <c>mlnetnorm forecast-bench</c>.</summary>
[TestClass]
public sealed class M4HourlyEndToEndTests
{
    [TestMethod]
    public void FourSeries_HeldOutLast48_ModelBeatsNaive_AndBaselinesAreSane()
    {
        var folder = Environment.GetEnvironmentVariable("MLNETNORM_DATA");
        if (string.IsNullOrEmpty(folder))
        {
            Assert.Inconclusive("Set MLNETNORM_DATA to the shared data folder to run the M4 end-to-end test.");
        }

        var mlContext = new MLContext(1);
        var file = SeriesTextFile.Load(mlContext, Path.Combine(folder, "forecasting", "m4-hourly-train.csv"));
        var holdout = SeriesHoldout.Create(file.ReadSeries().Take(4), 48);
        var options = new LayerNormRnnForecasterOptions
        {
            Horizon = 48, SeasonalPeriod = 24, WindowSize = 48, HiddenSize = 16, Epochs = 3, BatchSize = 64, WindowsPerSeries = 32,
            LearningRate = 0.01, Seed = 1, Device = "cpu", RecordGradientStatistics = false,
        };

        var model = mlContext.Forecasting.ForecastWithLayerNormRnn(options).Fit(holdout.TrainingData(mlContext));
        var metrics = holdout.Evaluate(model.ForecastTrainedSeries(), 24);
        var baselines = holdout.EvaluateBaselines(24).ToDictionary(b => b.Name, b => b.Metrics);

        Assert.IsLessThan(baselines["Naive"].SymmetricMape, metrics.SymmetricMape);
        Assert.AreEqual(1.0, baselines["Naive2"].Owa, 1e-12);
        Assert.IsTrue(double.IsFinite(metrics.Owa) && metrics.IntervalCoverage is >= 0 and <= 1);
    }
}
