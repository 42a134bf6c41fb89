using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Tests.TestData;
using static MLNetNorm.Tests.Forecasting.ForecasterTestSetup;

namespace MLNetNorm.Tests.Forecasting;

[TestClass]
public sealed class ForecastingEnsembleTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Ensemble_ForecastsTheMeanOfSingleNetworksTrainedFromConsecutiveSeeds()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(3, 60));
        var ensembleOptions = Options(epochs: 2);
        ensembleOptions.EnsembleSize = 2;
        var ensemble = Fit(mlContext, data, ensembleOptions);
        var first = Fit(mlContext, data, Options(epochs: 2)).ForecastTrainedSeries();
        var secondOptions = Options(epochs: 2);
        secondOptions.Seed = ensembleOptions.Seed + 1;
        var second = Fit(mlContext, data, secondOptions).ForecastTrainedSeries();

        var combined = ensemble.ForecastTrainedSeries();
        Assert.HasCount(2, ensemble.EnsembleHistories);
        Assert.AreSame(ensemble.EnsembleHistories[0], ensemble.TrainingHistory);
        for (var i = 0; i < combined.Count; i++)
        {
            for (var k = 0; k < Horizon; k++)
            {
                var mean = (first[i].Forecast[k] + (double)second[i].Forecast[k]) / 2;
                Assert.AreEqual(mean, combined[i].Forecast[k], 1e-4 * Math.Max(1, Math.Abs(mean)), $"series {combined[i].SeriesId}, step {k + 1}");
                Assert.IsTrue(combined[i].LowerBound[k] <= combined[i].Forecast[k] && combined[i].Forecast[k] <= combined[i].UpperBound[k]);
            }
        }
    }

    [TestMethod]
    public void Ensemble_SavesAndLoads_WithIdenticalForecasts()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(2, 50));
        var options = Options(epochs: 1);
        options.EnsembleSize = 3;
        var model = Fit(mlContext, data, options);

        var loaded = SaveAndLoad(TestContext, mlContext, model, data);

        AssertSame(model.ForecastTrainedSeries(), loaded.ForecastTrainedSeries());
        Assert.IsEmpty(loaded.EnsembleHistories);
    }

    [TestMethod]
    public void Ensemble_ReportsProgressOverEveryMembersSteps()
    {
        var mlContext = new MLContext(1);
        var options = Options(epochs: 1);
        options.EnsembleSize = 2;
        var reports = new List<MLNetNorm.Training.TrainingProgress>();
        options.Progress = new CollectingProgress(reports);
        Fit(mlContext, GeneratedSeries.Load(mlContext, Series(2, 50)), options);

        var total = reports[0].TotalSteps;
        Assert.IsTrue(reports.All(r => r.TotalSteps == total), "one total for the whole ensemble");
        Assert.AreEqual(total, reports[^1].Step);
        CollectionAssert.AreEqual(reports.Select(r => r.Step).Order().ToList(), reports.Select(r => r.Step).ToList(), "steps never go back");
    }

    [TestMethod]
    public void EnsembleSizeZero_FailsNamingTheOption()
    {
        var options = Options();
        options.EnsembleSize = 0;
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext(1).Forecasting.ForecastWithLayerNormRnn(options));
        Assert.AreEqual(nameof(options.EnsembleSize), error.ParamName);
    }

    /// <summary>Collects reports on the caller's thread.</summary>
    private sealed class CollectingProgress(List<MLNetNorm.Training.TrainingProgress> reports) : IProgress<MLNetNorm.Training.TrainingProgress>
    {
        public void Report(MLNetNorm.Training.TrainingProgress value) => reports.Add(value);
    }
}
