using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Normalization;
using MLNetNorm.Persistence;
using MLNetNorm.Tests.TestData;
using MLNetNorm.Transforms;

namespace MLNetNorm.Tests.Persistence;

[TestClass]
public sealed class LayerNormalizingPersistenceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    public void PipelineWithTrainer_SavedAndLoadedInANewContext_ScoresIdentically(NormKind kind)
    {
        var mlContext = new MLContext(1);
        var rows = VectorData.RandomRows(200, 12, seed: 8);
        var data = VectorData.Load(mlContext, rows, rows.Select(r => r[0] + r[3] > r[5]).ToArray());
        var model = mlContext.Transforms.NormalizeLayer("Normalized", "Features", kind, scale: Enumerable.Range(1, 12).Select(i => i / 6f).ToArray())
            .Append(mlContext.Transforms.Concatenate("Features", "Normalized"))
            .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20))
            .Fit(data);
        var path = TempModelPath();
        mlContext.Model.Save(model, data.Schema, path);

        var loaded = new MLContext(2).Model.Load(path, out var inputSchema);

        Assert.IsNotNull(inputSchema.GetColumnOrNull("Features"));
        var expected = model.Transform(data).GetColumn<float>("Score").ToArray();
        var actual = loaded.Transform(data).GetColumn<float>("Score").ToArray();
        CollectionAssert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void Transformer_LoadedInAnotherProcess_GivesIdenticalOutput()
    {
        var mlContext = new MLContext(1);
        var rows = VectorData.RandomRows(30, 20, seed: 9);
        var data = VectorData.Load(mlContext, rows);
        var offset = Enumerable.Range(0, 20).Select(i => i * 0.1f).ToArray();
        var model = mlContext.Transforms.NormalizeLayer("Normalized", "Features", NormKind.LayerNorm, epsilon: 1e-3f, offset: offset).Fit(data);
        var path = TempModelPath();
        mlContext.Model.Save(model, data.Schema, path);

        var expected = VectorData.ReadVectors(model.Transform(data), "Normalized");
        var actual = ModelHostProcess.ScoreVectors(path, rows, "Features", "Normalized");

        Assert.HasCount(expected.Length, actual);
        for (var i = 0; i < expected.Length; i++)
        {
            CollectionAssert.AreEqual(expected[i], actual[i], $"row {i}");
        }
    }

    [TestMethod]
    public void MultiMegabyteState_RoundTrips()
    {
        const int size = 2_000_000; // 8 MB of γ plus 8 MB of β: the scale of a small trained network
        var mlContext = new MLContext(1);
        var random = new Random(3);
        var rows = new[] { Enumerable.Range(0, size).Select(_ => (float)random.NextDouble()).ToArray() };
        var scale = Enumerable.Range(0, size).Select(_ => (float)random.NextDouble()).ToArray();
        var offset = Enumerable.Range(0, size).Select(_ => (float)random.NextDouble()).ToArray();
        var data = VectorData.Load(mlContext, rows);
        var model = mlContext.Transforms.NormalizeLayer("Features", scale: scale, offset: offset).Fit(data);
        var path = TempModelPath();
        mlContext.Model.Save(model, data.Schema, path);

        var loaded = (LayerNormalizingTransformer)new MLContext(2).Model.Load(path, out _);

        CollectionAssert.AreEqual(scale, loaded.Scale.ToArray());
        CollectionAssert.AreEqual(offset, loaded.Offset.ToArray());
        Assert.AreEqual(size, loaded.Size);
    }

    [TestMethod]
    public void TruncatedFile_FailsWithAClearMessage()
    {
        var path = SaveSmallModel();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.ThrowsExactly<ModelLoadException>(() => ModelFile.Load(new MLContext(1), path, out _));
        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "truncated, damaged or not an ML.NET model");
    }

    [TestMethod]
    public void DamagedStateEntry_FailsOnTheChecksum()
    {
        var path = SaveSmallModel();
        ModelStateEntry.Edit(path, state => state[16] ^= 0x5A); // inside the payload, after the magic and length

        var error = Assert.ThrowsExactly<ModelLoadException>(() => ModelFile.Load(new MLContext(1), path, out _));
        StringAssert.Contains(error.Message, "checksum");
        StringAssert.Contains(error.Message, nameof(LayerNormalizingTransformer));
    }

    [TestMethod]
    public void NotAModel_FailsWithAClearMessage()
    {
        var path = TempModelPath();
        File.WriteAllText(path, "this is not a zip");
        var error = Assert.ThrowsExactly<ModelLoadException>(() => ModelFile.Load(new MLContext(1), path, out _));
        StringAssert.Contains(error.Message, "not an ML.NET model");
    }

    [TestMethod]
    public void MissingFile_FailsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "does-not-exist.zip");
        var error = Assert.ThrowsExactly<FileNotFoundException>(() => ModelFile.Load(new MLContext(1), path, out _));
        StringAssert.Contains(error.Message, path);
    }

    private string SaveSmallModel()
    {
        var mlContext = new MLContext(1);
        var data = VectorData.Load(mlContext, VectorData.RandomRows(4, 6, 1));
        var path = TempModelPath();
        mlContext.Model.Save(mlContext.Transforms.NormalizeLayer("Features", offset: [1, 2, 3, 4, 5, 6]).Fit(data), data.Schema, path);
        return path;
    }

    private string TempModelPath()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mlnetnorm-tests", TestContext.TestName ?? "model");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{Guid.NewGuid():N}.zip");
    }
}
