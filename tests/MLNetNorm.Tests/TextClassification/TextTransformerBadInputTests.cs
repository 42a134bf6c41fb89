using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.TextClassification;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class TextTransformerBadInputTests
{
    private static TextTransformerModel? _model;

    /// <summary>One small trained model shared by the prediction-side tests.</summary>
    private static TextTransformerModel Model
    {
        get
        {
            if (_model is null)
            {
                var mlContext = new MLContext(1);
                var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(120, seed: 41)))
                    .Transform(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(120, seed: 41)));
                _model = mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create(epochs: 2)).Fit(keyed);
            }

            return _model;
        }
    }

    [TestMethod]
    public void TextLabel_WithoutMapValueToKey_IsRejectedWithAHint()
    {
        var mlContext = new MLContext(1);
        var data = KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(30, seed: 42));
        var trainer = mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create());

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => trainer.Fit(data));

        StringAssert.Contains(error.Message, "Label column 'Label' must be a key type");
        StringAssert.Contains(error.Message, "MapValueToKey");
    }

    [TestMethod]
    public void MissingOrNonTextColumns_AreNamed()
    {
        var mlContext = new MLContext(1);
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Append(mlContext.Transforms.Conversion.MapValueToKey("Keyed", "Title"))
            .Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(30, seed: 43))).Transform(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(30, seed: 43)));
        var options = TinyOptions.Create();
        options.TextColumnNames = ["Text", "Body"];
        var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlContext.MulticlassClassification.Trainers.TextTransformer(options).Fit(keyed));
        StringAssert.Contains(missing.Message, "Text column 'Body' was not found");

        options.TextColumnNames = ["Keyed"];
        var wrongType = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlContext.MulticlassClassification.Trainers.TextTransformer(options).Fit(keyed));
        StringAssert.Contains(wrongType.Message, "Text column 'Keyed' must be of type String");

        var atPrediction = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Model.Transform(mlContext.Data.LoadFromEnumerable(new[] { new { Body = "x" } })));
        StringAssert.Contains(atPrediction.Message, "Text column 'Text' was not found");
    }

    [TestMethod]
    public void SingleClass_IsRejected()
    {
        var mlContext = new MLContext(1);
        var sportsOnly = KeywordCorpus.Rows(60, seed: 44).Where(r => r.Label == "sports").ToArray();
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label").Append(mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create()));
        var oneKey = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => pipeline.Fit(KeywordCorpus.Load(mlContext, sportsOnly)));
        StringAssert.Contains(oneKey.Message, "has 1 key values");

        // Three known classes, but the training rows hold one of them.
        var mapping = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(30, seed: 45)));
        var trainer = mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create());
        var oneClass = Assert.ThrowsExactly<InvalidOperationException>(() => trainer.Fit(mapping.Transform(KeywordCorpus.Load(mlContext, sportsOnly))));
        StringAssert.Contains(oneClass.Message, "only one class ('sports')");
    }

    [TestMethod]
    public void RowsWithMissingLabels_AreSkippedWithAWarning_AndAllMissingIsAnError()
    {
        var mlContext = new MLContext(1);
        var messages = new List<string>();
        mlContext.Log += (_, e) => messages.Add(e.Message);
        var rows = KeywordCorpus.Rows(120, seed: 46);
        // The mapping knows sports and weather only, so finance rows get the missing key 0.
        var mapping = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(KeywordCorpus.Load(mlContext, rows.Where(r => r.Label != "finance")));
        var trainer = mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create(epochs: 1));

        var model = trainer.Fit(mapping.Transform(KeywordCorpus.Load(mlContext, rows)));

        Assert.AreEqual(2, model.ClassCount);
        Assert.IsTrue(messages.Any(m => m.Contains("40 training rows have a missing label", StringComparison.Ordinal)), string.Join("\n", messages));
        var financeOnly = mapping.Transform(KeywordCorpus.Load(mlContext, rows.Where(r => r.Label == "finance")));
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => trainer.Fit(financeOnly));
        StringAssert.Contains(error.Message, "no rows with a label");
    }

    [TestMethod]
    public void EmptyText_ScoresFromTheClassificationTokenAlone()
    {
        var empty = Model.PredictProbabilities("");

        Assert.HasCount(3, empty);
        Assert.AreEqual(1.0, empty.Sum(), 1e-5);
        Assert.IsTrue(empty.All(float.IsFinite));
    }

    [TestMethod]
    public void LoneSurrogates_AreTreatedAsReplacementCharacters()
    {
        var lone = Model.PredictProbabilities("football \uD800 stadium \uDC00");
        var replaced = Model.PredictProbabilities("football \uFFFD stadium \uFFFD");

        CollectionAssert.AreEqual(replaced, lone);
        Assert.IsTrue(lone.All(float.IsFinite));
    }

    [TestMethod]
    public void VeryLongText_IsTruncatedAtTheEnd()
    {
        var start = "rain forecast " + string.Join(' ', Enumerable.Repeat("the people said", 200));
        var longText = start + string.Join(' ', Enumerable.Repeat("stocks dividend bank", 300_000));

        CollectionAssert.AreEqual(Model.PredictProbabilities(start), Model.PredictProbabilities(longText));
    }

    [TestMethod]
    public void LabelNeverSeenInTraining_IsSkippedByEvaluate()
    {
        var mlContext = new MLContext(1);
        var train = KeywordCorpus.Rows(120, seed: 47);
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create(epochs: 4)));
        var model = pipeline.Fit(KeywordCorpus.Load(mlContext, train));
        var test = KeywordCorpus.Rows(30, seed: 48);
        var withUnseen = test.Append(new KeywordCorpus.Row { Label = "music", Text = "the guitar concert" }).ToArray();

        var scored = model.Transform(KeywordCorpus.Load(mlContext, withUnseen));
        var keys = scored.GetColumn<uint>("Label").ToArray();
        var metrics = mlContext.MulticlassClassification.Evaluate(scored);
        var reference = mlContext.MulticlassClassification.Evaluate(model.Transform(KeywordCorpus.Load(mlContext, test)));

        Assert.AreEqual(0u, keys[^1], "an unseen label maps to the missing key");
        Assert.AreEqual(reference.MicroAccuracy, metrics.MicroAccuracy);
        Assert.AreEqual(reference.LogLoss, metrics.LogLoss, 1e-9);
    }

    [TestMethod]
    public void InvalidOptions_AreNamed()
    {
        var catalog = new MLContext(1).MulticlassClassification.Trainers;
        var options = TinyOptions.Create();
        options.Heads = 3;
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => catalog.TextTransformer(options));
        StringAssert.Contains(error.Message, "ModelWidth");

        options = TinyOptions.Create();
        options.MaxTokens = 1;
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => catalog.TextTransformer(options));

        options = TinyOptions.Create();
        options.TokenDropout = 1;
        var tokenDropout = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => catalog.TextTransformer(options));
        StringAssert.Contains(tokenDropout.Message, "TokenDropout");

        options = TinyOptions.Create();
        options.EnsembleSize = 0;
        var ensemble = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => catalog.TextTransformer(options));
        StringAssert.Contains(ensemble.Message, "EnsembleSize");

        options = TinyOptions.Create();
        options.ClassWeighting = (TextClassWeighting)7;
        var weighting = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => catalog.TextTransformer(options));
        StringAssert.Contains(weighting.Message, "ClassWeighting");
    }

    [TestMethod]
    public void Divergence_WithoutValidatedWeights_Throws()
    {
        var mlContext = new MLContext(1);
        var options = TinyOptions.Create(MLNetNorm.Normalization.NormKind.None, epochs: 3);
        options.LearningRate = 1e6;
        options.GradientClipNorm = 0;
        options.WarmupSteps = 0;
        options.ValidationFraction = 0;
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label").Append(mlContext.MulticlassClassification.Trainers.TextTransformer(options));

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => pipeline.Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(120, seed: 49))));
        StringAssert.Contains(error.Message, "diverged");
    }
}
