using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Forecasting;
using MLNetNorm.Persistence;
using MLNetNorm.Tests.TestData;
using static MLNetNorm.Tests.Forecasting.ForecasterTestSetup;

namespace MLNetNorm.Tests.Persistence;

[TestClass]
public sealed class ForecastingPersistenceTests
{
    private static IDataView s_data = null!;
    private static LayerNormRnnForecastingTransformer s_model = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext context)
    {
        var mlContext = new MLContext(1);
        s_data = GeneratedSeries.Load(mlContext, Series(3, 50));
        var options = Options(epochs: 2);
        options.Cell = MLNetNorm.Forecasting.Recurrent.RecurrentCell.Gru;
        s_model = Fit(mlContext, s_data, options);
    }

    [TestMethod]
    public void SavedAndLoadedInANewContext_ForecastsIdentically()
    {
        var path = SaveModel();
        var loaded = (LayerNormRnnForecastingTransformer)new MLContext(9).Model.Load(path, out var schema);

        Assert.IsNotNull(schema.GetColumnOrNull("Value"));
        AssertSame(s_model.ForecastTrainedSeries(), loaded.ForecastTrainedSeries());
        AssertSame(s_model.Forecast(s_data), loaded.Forecast(s_data));
        Assert.AreEqual(s_model.MeasuredCoverage, loaded.MeasuredCoverage);
        CollectionAssert.AreEqual(s_model.IntervalHalfWidths.ToArray(), loaded.IntervalHalfWidths.ToArray());
    }

    [TestMethod]
    public void InsideAnAppendedChain_SavesAndLoads()
    {
        var mlContext = new MLContext(1);
        var chain = new TransformerChain<ITransformer>(mlContext.Transforms.CopyColumns("Value", "Value").Fit(s_data), s_model);
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"chain-{Guid.NewGuid():N}.zip");
        mlContext.Model.Save(chain, s_data.Schema, path);

        var loaded = new MLContext(2).Model.Load(path, out _);

        var expected = s_model.Transform(s_data).GetColumn<float[]>("Forecast").ToArray();
        var actual = loaded.Transform(s_data).GetColumn<float[]>("Forecast").ToArray();
        Assert.HasCount(expected.Length, actual);
        for (var i = 0; i < expected.Length; i++)
        {
            CollectionAssert.AreEqual(expected[i], actual[i]);
        }
    }

    [TestMethod]
    public void LoadedInAnotherProcess_ForecastsIdentically()
    {
        var expected = s_model.ForecastTrainedSeries();
        var actual = ForecastHostProcess.ForecastTrainedSeries(SaveModel());

        Assert.HasCount(expected.Count, actual);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.AreEqual(expected[i].SeriesId, actual[i].Id);
            CollectionAssert.AreEqual(expected[i].Forecast, actual[i].Forecast);
            CollectionAssert.AreEqual(expected[i].LowerBound, actual[i].Lower);
            CollectionAssert.AreEqual(expected[i].UpperBound, actual[i].Upper);
        }
    }

    [TestMethod]
    public void DamagedModelFile_FailsWithModelLoadException()
    {
        var path = SaveModel();
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("State.bin", StringComparison.Ordinal));
            using var stream = entry.Open();
            stream.Position = stream.Length / 2;
            var b = stream.ReadByte();
            stream.Position = stream.Length / 2;
            stream.WriteByte((byte)(b ^ 0xFF));
        }

        var error = Assert.ThrowsExactly<ModelLoadException>(() => ModelFile.Load(new MLContext(1), path, out _));
        StringAssert.Contains(error.Message, "checksum");
    }

    private string SaveModel()
    {
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"forecaster-{Guid.NewGuid():N}.zip");
        new MLContext(1).Model.Save(s_model, s_data.Schema, path);
        return path;
    }
}
