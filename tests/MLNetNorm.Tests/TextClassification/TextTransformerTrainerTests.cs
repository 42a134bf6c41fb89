using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Normalization;
using MLNetNorm.TextClassification;
using MLNetNorm.Tests.TestData;
using MLNetNorm.Training;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class TextTransformerTrainerTests
{
    [TestMethod]
    [DataRow(NormKind.LayerNorm, NormPlacement.PreNorm)]
    [DataRow(NormKind.LayerNorm, NormPlacement.PostNorm)]
    [DataRow(NormKind.RmsNorm, NormPlacement.PreNorm)]
    [DataRow(NormKind.None, NormPlacement.PreNorm)]
    public void KeywordClasses_AreLearned_AndEvaluateWorks(NormKind norm, NormPlacement placement)
    {
        var mlContext = new MLContext(1);
        var train = KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(360, seed: 1));
        var test = KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(90, seed: 2));
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create(norm, placement)))
            .Fit(train);

        var scored = model.Transform(test);
        var metrics = mlContext.MulticlassClassification.Evaluate(scored);

        Assert.IsGreaterThan(0.95, metrics.MicroAccuracy, $"{norm}/{placement}");
        Assert.IsLessThan(0.5, metrics.LogLoss);
        Assert.HasCount(3, metrics.PerClassLogLoss);
        var trainer = model.LastTransformer;
        Assert.AreEqual(norm, trainer.Norm);
        Assert.AreEqual(placement, trainer.Placement);
        Assert.IsNotNull(trainer.Training);
        Assert.IsGreaterThan(0L, trainer.Training.TrainingTokens);
        Assert.IsFalse(trainer.Training.History.Diverged);
    }

    [TestMethod]
    public void MaxPooling_WithTokenDropout_LearnsTheKeywordClasses()
    {
        var mlContext = new MLContext(1);
        var options = TinyOptions.Create();
        (options.Pooling, options.TokenDropout) = (TextPooling.Max, 0.1);
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(options))
            .Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(360, seed: 1)));

        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(90, seed: 2))));

        Assert.IsGreaterThan(0.95, metrics.MicroAccuracy);
    }

    [TestMethod]
    public void Outputs_LookLikeMLNetMulticlassOutputs_AndMapKeyToValueRecoversClassNames()
    {
        var mlContext = new MLContext(1);
        var rows = KeywordCorpus.Rows(240, seed: 3);
        var data = KeywordCorpus.Load(mlContext, rows);
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(TinyOptions.Create()))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedName", "PredictedLabel"))
            .Fit(data);

        var scored = model.Transform(data);
        var score = scored.Schema["Score"];
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), score.Type);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        score.Annotations.GetValue("SlotNames", ref slotNames);
        CollectionAssert.AreEqual(KeywordCorpus.Classes, slotNames.DenseValues().Select(v => v.ToString()).ToArray());
        var kind = default(ReadOnlyMemory<char>);
        score.Annotations.GetValue("ScoreColumnKind", ref kind);
        Assert.AreEqual("MulticlassClassification", kind.ToString());
        Assert.IsInstanceOfType<KeyDataViewType>(scored.Schema["PredictedLabel"].Type);

        var names = scored.GetColumn<string>("PredictedName").ToArray();
        var probabilities = scored.GetColumn<float[]>("Score").ToArray();
        Assert.IsGreaterThan(0.95, names.Zip(rows).Count(p => p.First == p.Second.Label) / (double)rows.Length);
        foreach (var p in probabilities)
        {
            Assert.AreEqual(1.0, p.Sum(), 1e-5);
            Assert.IsTrue(p.All(v => v >= 0 && float.IsFinite(v)));
        }
    }

    [TestMethod]
    public void TwoClasses_AndTwoTextColumnsJoinedInOrder_Work()
    {
        var mlContext = new MLContext(1);
        var train = KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(200, seed: 4, classes: 2));
        var test = KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(60, seed: 5, classes: 2));
        var options = TinyOptions.Create();
        options.TextColumnNames = ["Title", "Text"];
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(options))
            .Fit(train);

        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));

        Assert.IsGreaterThan(0.95, metrics.MicroAccuracy);
        CollectionAssert.AreEqual(new[] { "Title", "Text" }, model.LastTransformer.TextColumnNames.ToArray());
    }

    [TestMethod]
    public void SameSeed_GivesIdenticalScores()
    {
        var first = TrainAndScore(seed: 21);
        var second = TrainAndScore(seed: 21);
        var other = TrainAndScore(seed: 22);

        Assert.HasCount(first.Length, second);
        for (var i = 0; i < first.Length; i++)
        {
            CollectionAssert.AreEqual(first[i], second[i], $"row {i}");
        }

        Assert.IsTrue(first.Zip(other).Any(p => !p.First.SequenceEqual(p.Second)), "a different seed should give a different model");
    }

    [TestMethod]
    public void ProgressIsReported_AndValidationFromAnExplicitSetIsUsed()
    {
        var mlContext = new MLContext(1);
        var mapping = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(30, seed: 6)));
        var train = mapping.Transform(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(120, seed: 7)));
        var reports = new List<TrainingProgress>();
        var options = TinyOptions.Create(epochs: 2);
        options.ValidationData = mapping.Transform(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(30, seed: 8)));
        options.Progress = new SynchronousProgress(reports.Add);

        var model = mlContext.MulticlassClassification.Trainers.TextTransformer(options).Fit(train);

        Assert.AreEqual(2 * (120 / 16 + 1), reports.Count(r => !r.EpochCompleted));
        Assert.IsTrue(reports.Where(r => r.EpochCompleted).All(r => r.ValidationLoss is not null));
        Assert.HasCount(2, model.Training!.History.Epochs);
    }

    [TestMethod]
    public void ExplicitValidationSetWithoutLabelledRows_HoldsNothingOut()
    {
        var mlContext = new MLContext(1);
        var mapping = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(30, seed: 6)));
        var train = mapping.Transform(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(120, seed: 7)));
        var reports = new List<TrainingProgress>();
        var options = TinyOptions.Create(epochs: 2);
        // A label training never saw maps to the missing key, so no validation row has a label.
        var unlabelled = KeywordCorpus.Rows(30, seed: 8).Select(r => { r.Label = "music"; return r; });
        options.ValidationData = mapping.Transform(KeywordCorpus.Load(mlContext, unlabelled));
        options.Progress = new SynchronousProgress(reports.Add);

        mlContext.MulticlassClassification.Trainers.TextTransformer(options).Fit(train);

        Assert.AreEqual(2 * (120 / 16 + 1), reports.Count(r => !r.EpochCompleted), "all 120 rows train: ValidationFraction applies only without ValidationData");
        Assert.IsTrue(reports.Where(r => r.EpochCompleted).All(r => r.ValidationLoss is null));
    }

    [TestMethod]
    public void PreCancelledToken_StopsTraining()
    {
        var mlContext = new MLContext(1);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var options = TinyOptions.Create();
        options.CancellationToken = cancellation.Token;
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label").Append(mlContext.MulticlassClassification.Trainers.TextTransformer(options));

        Assert.ThrowsExactly<OperationCanceledException>(() => pipeline.Fit(KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(60, seed: 9))));
    }

    private static float[][] TrainAndScore(int seed)
    {
        var mlContext = new MLContext(seed);
        var data = KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(120, seed: 10));
        var options = TinyOptions.Create(epochs: 2);
        options.Seed = seed;
        options.Dropout = 0.2;
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.TextTransformer(options))
            .Fit(data);
        return model.Transform(data).GetColumn<float[]>("Score").ToArray();
    }

    /// <summary>Reports on the training thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
