using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Persistence;
using MLNetNorm.TextClassification;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class TextTransformerEnsembleTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Ensemble_AveragesTheProbabilitiesOfTheNetworksOfConsecutiveSeeds_EachWithItsOwnHeldOutSlice()
    {
        var keyed = Keyed(new MLContext(1));
        var members = new[] { 41, 42 }.Select(seed => Train(keyed, seed, ensembleSize: 1)).ToArray();

        var ensemble = Train(keyed, seed: 41, ensembleSize: 2);

        Assert.AreEqual(2, ensemble.EnsembleSize);
        Assert.HasCount(2, ensemble.Training!.Members);
        Assert.AreEqual(members.Sum(m => m.Training!.TrainingTokens), ensemble.Training.TrainingTokens);
        foreach (var text in Texts)
        {
            var expected = members[0].PredictProbabilities(text).Zip(members[1].PredictProbabilities(text), (a, b) => (a + b) / 2).ToArray();
            var actual = ensemble.PredictProbabilities(text);
            Assert.HasCount(expected.Length, actual);
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.AreEqual(expected[c], actual[c], 1e-6, $"'{text}', class {c}");
            }
        }
    }

    [TestMethod]
    public void Ensemble_SavedAndLoaded_PredictsIdentically()
    {
        var mlContext = new MLContext(1);
        var keyed = Keyed(mlContext);
        var model = Train(keyed, seed: 43, ensembleSize: 3);
        var path = Path.Combine(Path.GetTempPath(), $"mlnetnorm-text-ensemble-{Guid.NewGuid():N}.zip");
        TestContext.WriteLine(path);
        mlContext.Model.Save(model, keyed.Schema, path);

        var loaded = ModelFile.Load(new MLContext(2), path, out _);

        var expected = model.Transform(keyed).GetColumn<float[]>("Score").ToArray();
        var actual = loaded.Transform(keyed).GetColumn<float[]>("Score").ToArray();
        Assert.HasCount(expected.Length, actual);
        for (var i = 0; i < expected.Length; i++)
        {
            CollectionAssert.AreEqual(expected[i], actual[i], $"row {i}");
        }
    }

    private static readonly string[] Texts = ["the football stadium said", "", "rain rain rain", "stocks and bank news", "unseen words zebra quantum"];

    private static IDataView Keyed(MLContext mlContext)
    {
        var data = KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(90, seed: 40));
        return mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }

    private static TextTransformerModel Train(IDataView keyed, int seed, int ensembleSize)
    {
        var options = TinyOptions.Create(epochs: 2);
        options.Seed = seed;
        options.EnsembleSize = ensembleSize;
        // Member k holds out the slice the single network of seed + k holds out, so it is exactly that network.
        return new MLContext(seed).MulticlassClassification.Trainers.TextTransformer(options).Fit(keyed);
    }
}
