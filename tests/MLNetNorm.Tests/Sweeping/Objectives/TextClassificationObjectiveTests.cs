using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Normalization;
using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Objectives;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Sweeping.Tuners;
using MLNetNorm.TextClassification;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Sweeping.Objectives;

[TestClass]
public sealed class TextClassificationObjectiveTests
{
    private const int Epochs = 3;

    [TestMethod]
    public void GridOverPlacementTrainsEachTrialSavesItsModelAndReportsMetricsThatTheSavedModelReproduces()
    {
        var mlContext = new MLContext(3);
        var objective = new TextClassificationObjective(mlContext, KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(150, seed: 1)),
            KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(60, seed: 2)), "Label", TinyOptions)
        { TargetValidationLoss = 1.0 };
        using var study = new StudyFile();
        using var models = new TemporaryFolder();
        var result = new SweepExperiment(mlContext, new SweepOptions
        {
            SearchSpace = new SearchSpace().AddChoice<NormPlacement>(nameof(TextTransformerOptions.Placement)),
            Metric = TextClassificationObjective.MacroAccuracy,
            Direction = OptimizationDirection.Maximize,
            Tuner = new GridTuner(2),
            StoragePath = study.Path,
            ModelDirectory = models.Path,
        }).Run(objective);

        Assert.HasCount(2, result.Trials);
        foreach (var trial in result.Trials)
        {
            Assert.AreEqual(TrialState.Completed, trial.State, trial.Error);
            Assert.AreEqual(Epochs, trial.Training!.Epochs);
            Assert.IsGreaterThan(0L, trial.Training.ParameterCount);
            Assert.IsNotNull(trial.InferenceLatency);
            Assert.HasCount(Epochs, trial.IntermediateValues, "ConfigureTraining reports one validation loss per epoch for pruning");

            // The saved zip (raw labels in, predicted keys out) reproduces the reported accuracy, counted by hand.
            var model = mlContext.Model.Load(trial.ModelPath!, out _);
            var rows = KeywordCorpus.Rows(60, seed: 2);
            var scored = model.Transform(KeywordCorpus.Load(mlContext, rows));
            var predicted = mlContext.Transforms.Conversion.MapKeyToValue("PredictedText", TextTransformerModel.PredictedLabelColumnName).Fit(scored).Transform(scored);
            var predictions = predicted.GetColumn<string>("PredictedText").ToList();
            var accuracy = predictions.Where((p, i) => p == rows[i].Label).Count() / (double)rows.Length;
            Assert.AreEqual(accuracy, trial.MetricValue(TextClassificationObjective.MicroAccuracy)!.Value, 1e-9);

            // The gradient figures are the first epoch's numbers of the trial's own history.
            var firstEpoch = objective.Histories[trial.Number].Epochs[0];
            Assert.AreEqual(firstEpoch.GradientNorm.Mean, trial.MetricValue(GradientFigures.FirstEpochGradientNormMetric)!.Value, 1e-12);
            Assert.AreEqual(firstEpoch.LayerGradientNorms["blocks.1"].Mean / firstEpoch.LayerGradientNorms["blocks.0"].Mean,
                trial.MetricValue(GradientFigures.BlockRatioMetric)!.Value, 1e-12);
        }

        Assert.IsNotNull(result.BestModelPath);
    }

    [TestMethod]
    public void AMissingLabelColumnIsNamed()
    {
        var mlContext = new MLContext(1);
        var data = KeywordCorpus.Load(mlContext, KeywordCorpus.Rows(10, seed: 1));
        var error = Assert.ThrowsExactly<ArgumentException>(() => new TextClassificationObjective(mlContext, data, data, "Sentiment", TinyOptions));
        Assert.Contains("'Sentiment'", error.Message);
    }

    [TestMethod]
    public void MetricsAreFoundByNameWithTheirDirectionAndUnknownNamesListTheValidOnes()
    {
        Assert.AreEqual(OptimizationDirection.Maximize, ObjectiveMetric.Find(TextClassificationObjective.Metrics, "Macro-Accuracy").Direction);
        Assert.AreEqual(OptimizationDirection.Minimize, ObjectiveMetric.Find(TextClassificationObjective.Metrics, "log-loss").Direction);
        var error = Assert.ThrowsExactly<ArgumentException>(() => ObjectiveMetric.Find(TextClassificationObjective.Metrics, "f1"));
        Assert.Contains("macro-accuracy", error.Message);
    }

    [TestMethod]
    public void TheDefaultSpaceBindsToTheOptions()
    {
        var options = new TextTransformerOptions();
        TextClassificationObjective.DefaultSearchSpace().Sample(new Random(4)).ApplyTo(options);
        options.Validate();
        Assert.IsTrue(options.Layers is >= 1 and <= 6);
    }

    private static TextTransformerOptions TinyOptions() => new()
    {
        TextColumnNames = ["Text"],
        Layers = 2,
        ModelWidth = 16,
        Heads = 2,
        FeedForwardWidth = 32,
        MaxTokens = 16,
        Epochs = Epochs,
        EarlyStoppingPatience = Epochs,
        LearningRate = 3e-3,
        WarmupSteps = 0,
        Device = "cpu",
    };
}
