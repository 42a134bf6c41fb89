using Microsoft.ML;
using MLNetNorm.TextClassification;
using MLNetNorm.TextClassification.Tokenization;
using MLNetNorm.TextClassification.Training;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.TextClassification;

/// <summary>A token that occurs only in a network's held-out validation rows is unknown to that network.</summary>
[TestClass]
public sealed class HeldOutTokenTests
{
    [TestMethod]
    public void TokenOnlyInTheHeldOutRows_IsPredictedExactlyLikeTheUnknownToken()
    {
        const int seed = 11, count = 90;
        var rows = KeywordCorpus.Rows(count, seed: 40);
        // The rows the trainer holds out: the same split of as many examples, drawn from the same seed.
        var tagged = new EncodedExamples(Enumerable.Range(0, count).Select(i => new[] { i }).ToList(), new int[count]);
        var heldOut = tagged.Split(0.1, new Random(seed ^ 0x5EED)).Validation.Sequences.Select(s => s[0]).ToList();
        rows[heldOut[0]].Text += " piano";
        Assert.HasCount(3, TextEncoder.SourceIds("the piano said", 32), "' piano' is one cl100k token");
        Assert.HasCount(3, TextEncoder.SourceIds("the violin said", 32), "' violin' is one cl100k token");
        var mlContext = new MLContext(1);
        var data = KeywordCorpus.Load(mlContext, rows);
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var options = TinyOptions.Create(epochs: 1);
        options.Seed = seed;

        var model = mlContext.MulticlassClassification.Trainers.TextTransformer(options).Fit(keyed);

        // ' piano' is in the vocabulary (MinTokenCount 1, built from every row) but never trained; ' violin' is not in it.
        Assert.AreNotEqual(TokenVocabulary.Unknown, model.Encoder.Encode("the piano said")[2], "' piano' has its own id");
        Assert.AreEqual(TokenVocabulary.Unknown, model.Encoder.Encode("the violin said")[2], "' violin' is unknown");
        var heldOutWord = model.PredictProbabilities("the piano said");
        CollectionAssert.AreEqual(model.PredictProbabilities("the violin said"), heldOutWord);
        CollectionAssert.AreNotEqual(model.PredictProbabilities("the stadium said"), heldOutWord, "a trained token is not unknown");
    }
}
