using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Forecasting;

/// <summary>Small, fast forecaster settings and data shared by the forecasting tests.</summary>
internal static class ForecasterTestSetup
{
    public const int Horizon = 6, Season = 6, Window = 18;

    public static LayerNormRnnForecasterOptions Options(int epochs = 12) => new()
    {
        SeriesColumnName = "SeriesId",
        TimeColumnName = "Time",
        ValueColumnName = "Value",
        Horizon = Horizon,
        SeasonalPeriod = Season,
        WindowSize = Window,
        HiddenSize = 16,
        Epochs = epochs,
        BatchSize = 32,
        WindowsPerSeries = 32,
        LearningRate = 0.01,
        Seed = 7,
        Device = "cpu",
        RecordGradientStatistics = false,
    };

    public static List<(string Id, float[] Values)> Series(int count = 4, int length = 80) => GeneratedSeries.Sines(count, length, Season, seed: 21);

    public static LayerNormRnnForecastingTransformer Fit(MLContext mlContext, IDataView data, LayerNormRnnForecasterOptions? options = null) =>
        mlContext.Forecasting.ForecastWithLayerNormRnn(options ?? Options()).Fit(data);

    /// <summary>Saves <paramref name="model"/> through <c>mlContext.Model.Save</c> to a fresh zip and loads it back in another context.</summary>
    public static LayerNormRnnForecastingTransformer SaveAndLoad(TestContext testContext, MLContext mlContext, LayerNormRnnForecastingTransformer model, IDataView data)
    {
        var path = Path.Combine(testContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"forecaster-{Guid.NewGuid():N}.zip");
        mlContext.Model.Save(model, data.Schema, path);
        return (LayerNormRnnForecastingTransformer)new MLContext(5).Model.Load(path, out _);
    }

    public static void AssertSame(IReadOnlyList<SeriesForecast> expected, IReadOnlyList<SeriesForecast> actual)
    {
        Assert.HasCount(expected.Count, actual);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.AreEqual(expected[i].SeriesId, actual[i].SeriesId);
            CollectionAssert.AreEqual(expected[i].Forecast, actual[i].Forecast, $"forecast of {expected[i].SeriesId}");
            CollectionAssert.AreEqual(expected[i].LowerBound, actual[i].LowerBound, $"lower bound of {expected[i].SeriesId}");
            CollectionAssert.AreEqual(expected[i].UpperBound, actual[i].UpperBound, $"upper bound of {expected[i].SeriesId}");
        }
    }
}
