using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Tests.TestData;
using static MLNetNorm.Tests.Forecasting.ForecasterTestSetup;

namespace MLNetNorm.Tests.Forecasting;

[TestClass]
public sealed class LayerNormRnnForecastEngineTests
{
    private static List<(string Id, float[] Values)> s_full = null!;
    private static LayerNormRnnForecastingTransformer s_model = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext context)
    {
        var mlContext = new MLContext(1);
        s_full = Series(3, 70);
        var training = s_full.Select(s => (s.Id, s.Values[..60])).ToList();
        s_model = Fit(mlContext, GeneratedSeries.Load(mlContext, training), Options(epochs: 2));
    }

    [TestMethod]
    public void Update_ThenPredict_EqualsForecastFromTheExtendedHistory()
    {
        var engine = s_model.CreateForecastEngine();
        engine.Update("s1", s_full[1].Values.AsSpan(60, 7));
        engine.Update("s1", s_full[1].Values.AsSpan(67, 3));

        var fromEngine = engine.Predict("s1");
        var fromHistory = s_model.Forecast(GeneratedSeries.Load(new MLContext(1), [s_full[1]])).Single();

        // Both forecast s1 alone (a batch of one), so they match exactly.
        AssertSame([fromHistory], [fromEngine]);

        // ForecastTrainedSeries batches all series; a batch of three may round differently in the last bit than a batch of one.
        var unchanged = s_model.ForecastTrainedSeries()[0];
        var fromEngineS0 = engine.Predict("s0");
        for (var k = 0; k < Horizon; k++)
        {
            Assert.AreEqual(unchanged.Forecast[k], fromEngineS0.Forecast[k], 1e-5 * Math.Abs(unchanged.Forecast[k]));
        }
    }

    [TestMethod]
    public void CheckPoint_ThenReload_ContinuesFromTheUpdatedState()
    {
        var engine = s_model.CreateForecastEngine();
        engine.Update("s2", s_full[2].Values.AsSpan(60, 5));
        engine.Update("new", s_full[0].Values.AsSpan(0, Window + 4));
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"engine-{Guid.NewGuid():N}.zip");
        engine.CheckPoint(new MLContext(1), path);

        var reloaded = ((LayerNormRnnForecastingTransformer)new MLContext(5).Model.Load(path, out _)).CreateForecastEngine();

        CollectionAssert.AreEqual(new[] { "s0", "s1", "s2", "new" }, reloaded.SeriesIds.ToArray());
        AssertSame(engine.Predict(), reloaded.Predict());
        reloaded.Update("s2", s_full[2].Values.AsSpan(65, 5));
        engine.Update("s2", s_full[2].Values.AsSpan(65, 5));
        AssertSame([engine.Predict("s2")], [reloaded.Predict("s2")]);
    }

    [TestMethod]
    public void BadUpdates_FailClearly()
    {
        var engine = s_model.CreateForecastEngine();
        var shortNew = Assert.ThrowsExactly<ArgumentException>(() => engine.Update("fresh", new float[3]));
        StringAssert.Contains(shortNew.Message, "Series 'fresh' is new");
        var nan = Assert.ThrowsExactly<ArgumentException>(() => engine.Update("s0", [1f, float.NaN]));
        StringAssert.Contains(nan.Message, "Series 's0': new observation 1 is NaN");
        Assert.ThrowsExactly<KeyNotFoundException>(() => engine.Predict("unknown"));
    }
}
