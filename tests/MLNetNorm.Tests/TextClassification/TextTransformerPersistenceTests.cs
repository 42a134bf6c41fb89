using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Normalization;
using MLNetNorm.Persistence;
using MLNetNorm.TextClassification;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class TextTransformerPersistenceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(NormKind.LayerNorm, NormPlacement.PreNorm, TextPooling.Mean)]
    [DataRow(NormKind.RmsNorm, NormPlacement.PostNorm, TextPooling.FirstToken)]
    public void Pipeline_SavedAndLoadedInANewContext_PredictsIdentically(NormKind norm, NormPlacement placement, TextPooling pooling)
    {
        var mlContext = new MLContext(1);
        var rows = KeywordCorpus.Rows(120, seed: 31);
        var data = KeywordCorpus.Load(mlContext, rows);
        var options = TinyOptions.Create(norm, placement, epochs: 2);
        options.Pooling = pooling;
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(options))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedName", "PredictedLabel"))
            .Fit(data);
        var path = TempPath();
        mlContext.Model.Save(model, data.Schema, path);

        var loaded = ModelFile.Load(new MLContext(2), path, out var inputSchema);

        Assert.IsNotNull(inputSchema.GetColumnOrNull("Text"));
        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        var expectedScores = expected.GetColumn<float[]>("Score").ToArray();
        var actualScores = actual.GetColumn<float[]>("Score").ToArray();
        for (var i = 0; i < expectedScores.Length; i++)
        {
            CollectionAssert.AreEqual(expectedScores[i], actualScores[i], $"row {i}");
        }

        CollectionAssert.AreEqual(expected.GetColumn<string>("PredictedName").ToArray(), actual.GetColumn<string>("PredictedName").ToArray());
        var engine = new MLContext(3).Model.CreatePredictionEngine<KeywordCorpus.Row, Prediction>(loaded);
        CollectionAssert.AreEqual(expectedScores[0], engine.Predict(rows[0]).Score);
    }

    [TestMethod]
    public void Model_LoadedInAnotherProcess_GivesIdenticalScores()
    {
        var mlContext = new MLContext(1);
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(30, seed: 32)))
            .Transform(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(120, seed: 33)));
        var model = mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create(epochs: 2)).Fit(keyed);
        var path = TempPath();
        mlContext.Model.Save(model, keyed.Schema, path);
        string[] texts = ["the football stadium said", "", "rain rain rain", new string('x', 5000) + " stocks", "unseen words zebra quantum"];
        var expected = texts.Select(model.PredictProbabilities).ToArray();

        var actual = TextModelHostProcess.ScoreTexts(path, texts, "Text");

        Assert.HasCount(texts.Length, actual);
        for (var i = 0; i < texts.Length; i++)
        {
            CollectionAssert.AreEqual(expected[i], actual[i], $"text {i}");
        }
    }

    [TestMethod]
    public void DamagedModelFile_FailsWithAClearMessage()
    {
        var mlContext = new MLContext(1);
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(60, seed: 34)))
            .Transform(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(60, seed: 34)));
        var model = mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create(epochs: 1)).Fit(keyed);
        var path = TempPath();
        mlContext.Model.Save(model, keyed.Schema, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("State.bin", StringComparison.Ordinal));
            byte[] bytes;
            using (var stream = entry.Open())
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            bytes[bytes.Length / 2] ^= 0xFF;
            entry.Delete();
            using var replaced = zip.CreateEntry(entry.FullName).Open();
            replaced.Write(bytes);
        }

        var error = Assert.ThrowsExactly<ModelLoadException>(() => ModelFile.Load(new MLContext(2), path, out _));
        StringAssert.Contains(error.Message, "checksum");
    }

    private string TempPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlnetnorm-text-{Guid.NewGuid():N}.zip");
        TestContext.WriteLine(path);
        return path;
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
