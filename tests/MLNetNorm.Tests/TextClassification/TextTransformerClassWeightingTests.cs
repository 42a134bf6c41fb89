using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.TextClassification;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class TextTransformerClassWeightingTests
{
    [TestMethod]
    public void InverseFrequency_GivesTheRareClassesMoreProbabilityThanNoWeighting()
    {
        // Sports is five times as frequent as each other class in training; the test set is balanced.
        var rows = KeywordCorpus.Rows(210, seed: 44).Where((r, i) => r.Label == KeywordCorpus.Classes[0] || i % 5 < 2).ToArray();
        var test = KeywordCorpus.Rows(60, seed: 45);

        var plain = RareClassProbability(rows, test, TextClassWeighting.None);
        var weighted = RareClassProbability(rows, test, TextClassWeighting.InverseFrequency);

        Assert.IsGreaterThan(plain, weighted);
    }

    private static double RareClassProbability(KeywordCorpus.Row[] training, KeywordCorpus.Row[] test, TextClassWeighting weighting)
    {
        var mlContext = new MLContext(1);
        var options = TinyOptions.Create(epochs: 2);
        options.ClassWeighting = weighting;
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(options))
            .Fit(KeywordCorpus.Load(mlContext, training));
        var scored = model.Transform(KeywordCorpus.Load(mlContext, test));
        var sports = model.LastTransformer.ClassNames!.ToList().IndexOf(KeywordCorpus.Classes[0]);
        return scored.GetColumn<float[]>("Score").Average(s => 1 - s[sports]);
    }
}
