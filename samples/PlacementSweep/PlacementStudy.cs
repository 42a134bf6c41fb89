using Microsoft.ML;
using MLNetNorm.Normalization;
using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Objectives;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Storage;
using MLNetNorm.Sweeping.Tuners;
using MLNetNorm.TextClassification;
using MLNetNorm.Training;

namespace MLNetNorm.Samples.PlacementSweep;

/// <summary>The outcome of the placement study: the sweep result and each trial's training history.</summary>
/// <param name="Sweep">The sweep's trials and leaderboard.</param>
/// <param name="Histories">The training history of each trial, by trial number.</param>
public sealed record PlacementOutcome(SweepResult Sweep, IReadOnlyDictionary<int, TrainingHistory> Histories);

/// <summary>
/// Composes the library's sweeper and text-classification objective into the placement study: a grid over
/// {Pre-LN, Post-LN} × {LayerNorm, RMSNorm, none} × {no warmup, warmup}, every trial with the same seed and data.
/// </summary>
public static class PlacementStudy
{
    /// <summary>The grid of the study.</summary>
    public static SearchSpace Space(PlacementSettings settings) => new SearchSpace()
        .AddChoice<NormPlacement>(nameof(TextTransformerOptions.Placement))
        .AddChoice<NormKind>(nameof(TextTransformerOptions.Norm))
        .AddChoice(nameof(TextTransformerOptions.WarmupSteps), 0L, (long)settings.WarmupSteps);

    /// <summary>Runs the 12 trials on MR (<paramref name="dataPath"/>: the TSV or its folder); the study file goes to <paramref name="outputFolder"/>.</summary>
    public static PlacementOutcome Run(string dataPath, string outputFolder, PlacementSettings settings, IProgress<SweepProgress>? progress = null)
    {
        Directory.CreateDirectory(outputFolder);
        var mlContext = new MLContext(settings.Seed);
        var (training, validation) = MovieReviewSubset.Load(mlContext, dataPath, settings);
        var objective = new TextClassificationObjective(mlContext, training, validation, "Label", () => new TextTransformerOptions
        {
            TextColumnNames = ["Text"],
            Layers = settings.Layers,
            ModelWidth = settings.ModelWidth,
            Heads = 4,
            FeedForwardWidth = settings.FeedForwardWidth,
            MaxTokens = 40,
            BatchSize = 32,
            Epochs = settings.Epochs,
            LearningRate = settings.LearningRate,
            EarlyStoppingPatience = settings.Epochs, // off: every curve runs to the end
            Seed = settings.Seed, // the same initialization and batch order in every trial
            Device = "cpu",
        })
        { TargetValidationLoss = settings.TargetValidationLoss };

        var storagePath = Path.Combine(outputFolder, "placement-sweep.db");
        foreach (var file in new[] { storagePath, storagePath + "-wal", storagePath + "-shm" }.Where(File.Exists))
        {
            File.Delete(file); // a fresh study each run: the table shows this run's measurements only
        }

        using var storage = new SqliteStudyStorage(storagePath);
        var sweep = new SweepExperiment(mlContext, new SweepOptions
        {
            SearchSpace = Space(settings),
            Metric = TextClassificationObjective.MacroAccuracy,
            Direction = OptimizationDirection.Maximize,
            Tuner = new GridTuner(2),
            Storage = storage,
            StudyName = "placement",
            Seed = settings.Seed,
            Progress = progress,
        });
        var result = sweep.Run(objective);
        return new PlacementOutcome(result, objective.Histories);
    }
}
