using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Forecasting;
using MLNetNorm.Forecasting.Evaluation;
using MLNetNorm.Forecasting.Recurrent;
using MLNetNorm.Normalization;
using MLNetNorm.Tests.TestData;
using static MLNetNorm.Tests.Forecasting.ForecasterTestSetup;

namespace MLNetNorm.Tests.Forecasting;

[TestClass]
public sealed class LayerNormRnnForecasterTests
{
    [TestMethod]
    public void Fit_OnNoisySinesAtDifferentLevels_BeatsNaive_WithOrderedIntervalsAndMeasuredCoverage()
    {
        var mlContext = new MLContext(1);
        var holdout = SeriesHoldout.Create(Series(), Horizon);
        var model = Fit(mlContext, holdout.TrainingData(mlContext), Options(epochs: 20));

        var forecasts = model.ForecastTrainedSeries();
        var metrics = holdout.Evaluate(forecasts, Season);
        var naive = holdout.Evaluate((h, n) => ForecastBaselines.Naive(h, n), Season);

        Assert.IsLessThan(naive.SymmetricMape, metrics.SymmetricMape, $"model sMAPE {metrics.SymmetricMape:F2} vs naive {naive.SymmetricMape:F2}");
        Assert.IsTrue(forecasts.All(f => f.Forecast.Select((v, k) => f.LowerBound[k] <= v && v <= f.UpperBound[k]).All(x => x)));
        Assert.IsTrue(model.MeasuredCoverage is >= 0 and <= 1, $"coverage {model.MeasuredCoverage}");
        Assert.IsNotNull(metrics.IntervalCoverage);
        Assert.IsGreaterThan(0, model.TrainingHistory!.Epochs.Count);
    }

    [TestMethod]
    public void SameSeed_GivesIdenticalForecasts_OtherSeed_Differs()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(3, 60));
        var first = Fit(mlContext, data, Options(epochs: 3)).ForecastTrainedSeries();
        var second = Fit(new MLContext(2), data, Options(epochs: 3)).ForecastTrainedSeries();
        var otherOptions = Options(epochs: 3);
        otherOptions.Seed = 8;
        var other = Fit(mlContext, data, otherOptions).ForecastTrainedSeries();

        AssertSame(first, second);
        CollectionAssert.AreNotEqual(first[0].Forecast, other[0].Forecast);
    }

    [TestMethod]
    [DataRow(RecurrentCell.Gru, NormKind.LayerNorm, 1)]
    [DataRow(RecurrentCell.Gru, NormKind.RmsNorm, 2)]
    [DataRow(RecurrentCell.Lstm, NormKind.None, 2)]
    [DataRow(RecurrentCell.Lstm, NormKind.RmsNorm, 1)]
    public void EveryCellAndNorm_TrainsToFiniteForecasts(RecurrentCell cell, NormKind kind, int layers)
    {
        var mlContext = new MLContext(1);
        var options = Options(epochs: 2);
        (options.Cell, options.NormKind, options.Layers, options.Dropout) = (cell, kind, layers, layers > 1 ? 0.1 : 0);
        var model = Fit(mlContext, GeneratedSeries.Load(mlContext, Series(2, 50)), options);
        Assert.IsTrue(model.ForecastTrainedSeries().All(f => f.Forecast.Concat(f.LowerBound).Concat(f.UpperBound).All(float.IsFinite)));
    }

    [TestMethod]
    public void Transform_GivesOneRowPerSeries_WithForecastAndBoundVectors_EqualToForecast()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(3, 50));
        var model = Fit(mlContext, data, Options(epochs: 1));

        var output = model.Transform(data);

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, Horizon), output.Schema["Forecast"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, Horizon), output.Schema["LowerBound"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, Horizon), output.Schema["UpperBound"].Type);
        var ids = output.GetColumn<string>("SeriesId").ToArray();
        CollectionAssert.AreEqual(new[] { "s0", "s1", "s2" }, ids);
        var forecasts = output.GetColumn<float[]>("Forecast").ToArray();
        var expected = model.ForecastTrainedSeries();
        for (var i = 0; i < 3; i++)
        {
            CollectionAssert.AreEqual(expected[i].Forecast, forecasts[i]);
        }

        Assert.AreEqual(output.Schema.Count, model.GetOutputSchema(data.Schema).Count);
    }

    [TestMethod]
    public void UnsortedRows_GiveTheSameModelAsSortedRows()
    {
        var mlContext = new MLContext(1);
        var series = Series(2, 50);
        var rows = GeneratedSeries.Rows(series);
        var shuffled = rows.OrderBy(_ => Guid.NewGuid()).ToList();
        var sorted = Fit(mlContext, mlContext.Data.LoadFromEnumerable(rows), Options(epochs: 1)).ForecastTrainedSeries();
        var fromShuffled = Fit(mlContext, mlContext.Data.LoadFromEnumerable(shuffled), Options(epochs: 1)).ForecastTrainedSeries();
        AssertSame(sorted.OrderBy(f => f.SeriesId).ToList(), fromShuffled.OrderBy(f => f.SeriesId).ToList());
    }

    [TestMethod]
    public void MissingValue_FailsNamingSeriesAndTime()
    {
        var mlContext = new MLContext(1);
        var rows = GeneratedSeries.Rows(Series(2, 50));
        rows.First(r => r.SeriesId == "s1" && r.Time == 17).Value = float.NaN;
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Fit(mlContext, mlContext.Data.LoadFromEnumerable(rows)));
        StringAssert.Contains(error.Message, "Series 's1', t = 17");
    }

    [TestMethod]
    public void InfiniteValue_FailsNamingSeriesAndTime()
    {
        var mlContext = new MLContext(1);
        var rows = GeneratedSeries.Rows(Series(2, 50));
        rows.First(r => r.SeriesId == "s0" && r.Time == 3).Value = float.PositiveInfinity;
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Fit(mlContext, mlContext.Data.LoadFromEnumerable(rows)));
        StringAssert.Contains(error.Message, "Series 's0', t = 3");
    }

    [TestMethod]
    public void DuplicateTime_FailsNamingSeriesAndTime()
    {
        var mlContext = new MLContext(1);
        var rows = GeneratedSeries.Rows(Series(2, 50));
        rows.Add(new GeneratedSeries.Row { SeriesId = "s1", Time = 9, Value = 5 });
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Fit(mlContext, mlContext.Data.LoadFromEnumerable(rows)));
        StringAssert.Contains(error.Message, "Series 's1', t = 9");
        StringAssert.Contains(error.Message, "more than once");
    }

    [TestMethod]
    public void SeriesShorterThanWindowPlusTwoHorizons_FailsNamingTheSeries()
    {
        var mlContext = new MLContext(1);
        var series = Series(2, 50);
        series.Add(("short", series[0].Values[..(Window + 2 * Horizon - 1)]));
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Fit(mlContext, GeneratedSeries.Load(mlContext, series)));
        StringAssert.Contains(error.Message, "Series 'short' has 29 observations");
        StringAssert.Contains(error.Message, "at least");
    }

    [TestMethod]
    public void ConstantAndZeroSeries_GiveFiniteForecastsNearTheirLevel()
    {
        var mlContext = new MLContext(1);
        var series = Series(2, 50);
        series.Add(("constant", Enumerable.Repeat(250f, 50).ToArray()));
        series.Add(("zeros", new float[50]));
        var forecasts = Fit(mlContext, GeneratedSeries.Load(mlContext, series), Options(epochs: 8)).ForecastTrainedSeries();

        var constant = forecasts.Single(f => f.SeriesId == "constant");
        var zeros = forecasts.Single(f => f.SeriesId == "zeros");
        Assert.IsTrue(constant.Forecast.All(v => v is > 125 and < 375), string.Join(", ", constant.Forecast));
        Assert.IsTrue(zeros.Forecast.Concat(zeros.LowerBound).Concat(zeros.UpperBound).All(float.IsFinite));
        Assert.IsTrue(zeros.Forecast.All(v => Math.Abs(v) < 2), "a zero series scales with level 1");
    }

    [TestMethod]
    public void SingleSeriesWithoutSeriesOrTimeColumn_UsesRowOrder()
    {
        var mlContext = new MLContext(1);
        var values = Series(1, 60)[0].Values;
        var data = mlContext.Data.LoadFromEnumerable(values.Select(v => new SingleValue { Value = v }));
        var options = Options(epochs: 1);
        (options.SeriesColumnName, options.TimeColumnName) = (null, null);
        var model = Fit(mlContext, data, options);

        var forecast = Assert.ContainsSingle(model.ForecastTrainedSeries());
        Assert.AreEqual("series", forecast.SeriesId);
        Assert.HasCount(Horizon, forecast.Forecast);
    }

    [TestMethod]
    public void MissingColumn_AndBadOptions_FailClearly()
    {
        var mlContext = new MLContext(1);
        var data = GeneratedSeries.Load(mlContext, Series(1, 40));
        var options = Options();
        options.ValueColumnName = "Sales";
        var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Fit(mlContext, data, options));
        StringAssert.Contains(missing.Message, "'Sales' was not found");

        var bad = Options();
        bad.Horizon = 0;
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlContext.Forecasting.ForecastWithLayerNormRnn(bad));
        Assert.AreEqual("Horizon", error.ParamName);
    }

    private sealed class SingleValue
    {
        public float Value { get; set; }
    }
}
