using MLNetNorm.Forecasting.Evaluation;

namespace MLNetNorm.Tests.Forecasting.Evaluation;

[TestClass]
public sealed class ForecastAccuracyTests
{
    [TestMethod]
    public void SymmetricMape_HandComputed()
    {
        // (200 / 2) · (10 / 210 + 20 / 380)
        var expected = 100 * (10.0 / 210 + 20.0 / 380);
        Assert.AreEqual(expected, ForecastAccuracy.SymmetricMape([100f, 200f], [110f, 180f]), 1e-9);
    }

    [TestMethod]
    public void SymmetricMape_BothZero_CountsAsPerfect() =>
        Assert.AreEqual(100 * (0 + 2.0 / 4), ForecastAccuracy.SymmetricMape([0f, 1f], [0f, 3f]), 1e-12);

    [TestMethod]
    public void Mase_HandComputed()
    {
        // Seasonal differences at m = 2 of 1..6 are all 2, so the scale is 2; the MAE of (7, 8) vs (6, 10) is 1.5.
        float[] history = [1, 2, 3, 4, 5, 6];
        Assert.AreEqual(2.0, ForecastAccuracy.SeasonalNaiveScale(history, 2), 1e-12);
        Assert.AreEqual(0.75, ForecastAccuracy.Mase(history, [7f, 8f], [6f, 10f], 2), 1e-12);
    }

    [TestMethod]
    public void Mase_ExactlyRepeatingHistory_IsUndefined() =>
        Assert.IsTrue(double.IsNaN(ForecastAccuracy.Mase([1f, 2f, 1f, 2f], [1f], [2f], 2)));

    [TestMethod]
    public void MaeRmseCoverage_HandComputed()
    {
        float[] actual = [1, 2, 3, 4];
        float[] forecast = [2, 2, 1, 4];
        Assert.AreEqual(0.75, ForecastAccuracy.MeanAbsoluteError(actual, forecast), 1e-12);
        Assert.AreEqual(5.0, ForecastAccuracy.SumOfSquaredErrors(actual, forecast), 1e-12);
        Assert.AreEqual(0.5, ForecastAccuracy.Coverage(actual, [0f, 2.5f, 2f, 4.5f], [1f, 3f, 3f, 5f]), 1e-12);
    }

    [TestMethod]
    public void Autocorrelation_HandComputed()
    {
        // Deviations from the mean 2.5: −1.5, −0.5, 0.5, 1.5 (sum of squares 5); lag-1 products 0.75 − 0.25 + 0.75 = 1.25.
        Assert.AreEqual(0.25, SeasonalityTest.Autocorrelation([1f, 2f, 3f, 4f], 1), 1e-12);
        Assert.AreEqual((-0.75 - 0.75) / 5, SeasonalityTest.Autocorrelation([1f, 2f, 3f, 4f], 2), 1e-12);
    }

    [TestMethod]
    public void SeasonalityTest_SeesARepeatingPattern_NotNoise()
    {
        var pattern = Enumerable.Range(0, 48).Select(t => 10 + (float)Math.Sin(2 * Math.PI * t / 6)).ToArray();
        var random = new Random(3);
        var noise = Enumerable.Range(0, 48).Select(_ => (float)random.NextDouble()).ToArray();
        Assert.IsTrue(SeasonalityTest.IsSeasonal(pattern, 6));
        Assert.IsFalse(SeasonalityTest.IsSeasonal(noise, 6));
        Assert.IsFalse(SeasonalityTest.IsSeasonal(pattern[..17], 6), "fewer than three seasons is never seasonal");
    }

    [TestMethod]
    [DataRow(4, new[] { 0.5, 1.5, 1.0, 1.0 })]
    [DataRow(3, new[] { 0.8, 1.2, 1.0 })]
    public void ClassicalDecomposition_RecoversExactMultiplicativeIndices(int season, double[] indices)
    {
        // A constant level of 10 times indices averaging 1: every centred moving average is exactly 10.
        var values = Enumerable.Range(0, 5 * season).Select(t => (float)(10 * indices[t % season])).ToArray();
        var actual = ClassicalDecomposition.MultiplicativeIndices(values, season);
        for (var k = 0; k < season; k++)
        {
            Assert.AreEqual(indices[k], actual[k], 1e-6, $"index {k}");
        }
    }

    [TestMethod]
    public void Baselines_HandComputed()
    {
        float[] history = [1, 2, 3, 4, 5, 6];
        CollectionAssert.AreEqual(new[] { 6f, 6f, 6f }, ForecastBaselines.Naive(history, 3));
        CollectionAssert.AreEqual(new[] { 5f, 6f, 5f }, ForecastBaselines.SeasonalNaive(history, 3, 2));
    }

    [TestMethod]
    public void Naive2_OnASeasonalSeries_ContinuesThePattern_AndOnANonSeasonalOne_IsNaive()
    {
        double[] indices = [0.5, 1.5, 1.0, 1.0];
        var seasonal = Enumerable.Range(0, 16).Select(t => (float)(10 * indices[t % 4])).ToArray();
        var forecast = ForecastBaselines.Naive2(seasonal, 6, 4);
        var continuation = Enumerable.Range(16, 6).Select(t => (float)(10 * indices[t % 4])).ToArray();
        for (var k = 0; k < 6; k++)
        {
            Assert.AreEqual(continuation[k], forecast[k], 1e-4, $"step {k + 1}");
        }

        float[] trend = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
        CollectionAssert.AreEqual(ForecastBaselines.Naive(trend, 4), ForecastBaselines.Naive2(trend, 4, 4));
    }

    [TestMethod]
    public void Evaluator_Naive2Itself_HasOwaOne_PerfectForecast_HasOwaZero()
    {
        var random = new Random(1);
        var outcomes = Enumerable.Range(0, 3).Select(s =>
        {
            var values = Enumerable.Range(0, 60).Select(t => (float)(50 + 10 * Math.Sin(2 * Math.PI * t / 6) + random.NextDouble() * 5 + s * 20)).ToArray();
            return (Id: $"s{s}", History: values[..54], Actual: values[54..]);
        }).ToList();

        var naive2 = ForecastEvaluator.Evaluate(outcomes.Select(o => new SeriesOutcome(o.Id, o.History, o.Actual, ForecastBaselines.Naive2(o.History, 6, 6))), 6);
        var perfect = ForecastEvaluator.Evaluate(outcomes.Select(o => new SeriesOutcome(o.Id, o.History, o.Actual, o.Actual, o.Actual, o.Actual)), 6);

        Assert.AreEqual(1.0, naive2.Owa, 1e-12);
        Assert.AreEqual(0.0, perfect.Owa, 1e-12);
        Assert.AreEqual(1.0, perfect.IntervalCoverage);
        Assert.IsNull(naive2.IntervalCoverage);
        Assert.AreEqual(3, naive2.SeriesCount);
    }

    [TestMethod]
    public void Evaluator_PoolsMaeAndRmse_AndAveragesSmapeAndMaseOverSeries()
    {
        // Series a: history 1..6 (scale 2 at m = 2), error 2 at one step; series b: history 2, 4, …, 12 (scale 4), errors 0.
        var a = new SeriesOutcome("a", [1, 2, 3, 4, 5, 6], [7, 8], [9, 8]);
        var b = new SeriesOutcome("b", [2, 4, 6, 8, 10, 12], [14, 16], [14, 16]);
        var metrics = ForecastEvaluator.Evaluate([a, b], 2);
        Assert.AreEqual((100 * (2.0 / 16) + 0) / 2, metrics.SymmetricMape, 1e-9);
        Assert.AreEqual((1.0 / 2 + 0) / 2, metrics.Mase, 1e-12);
        Assert.AreEqual(2.0 / 4, metrics.MeanAbsoluteError, 1e-12);
        Assert.AreEqual(Math.Sqrt(4.0 / 4), metrics.RootMeanSquaredError, 1e-12);
    }

    [TestMethod]
    public void Evaluator_NonFiniteForecast_NamesTheSeries()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => ForecastEvaluator.Evaluate([new SeriesOutcome("H7", [1, 2, 3], [4], [float.NaN])], 1));
        StringAssert.Contains(error.Message, "H7");
    }
}
