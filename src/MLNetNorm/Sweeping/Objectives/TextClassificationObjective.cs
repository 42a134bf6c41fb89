using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Normalization;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.TextClassification;
using MLNetNorm.Training;

namespace MLNetNorm.Sweeping.Objectives;

/// <summary>
/// Sweeps the text transformer: each trial applies its parameters to fresh <see cref="TextTransformerOptions"/>,
/// trains on the training data with the validation data as the early-stopping and pruning set, and scores the
/// validation data (macro/micro accuracy, log-loss, validation loss, gradient figures, per-example latency). The label
/// column holds the raw labels; the objective maps them to keys (fitted on the training data) and saves
/// <c>MapValueToKey → classifier</c>, so the saved zip scores raw files like <c>classify train</c>'s models.
/// </summary>
public sealed class TextClassificationObjective : ITrialObjective
{
    /// <summary>The metric key of the macro-averaged accuracy on the validation data (maximize).</summary>
    public const string MacroAccuracy = "macro-accuracy";

    /// <summary>The metric key of the micro-averaged accuracy on the validation data (maximize).</summary>
    public const string MicroAccuracy = "micro-accuracy";

    /// <summary>The metric key of ML.NET's log-loss on the validation data (minimize).</summary>
    public const string LogLoss = "log-loss";

    /// <summary>The metric key of the best per-epoch validation loss of training (minimize).</summary>
    public const string ValidationLoss = "validation-loss";

    private const string KeyColumn = "Label";

    private readonly MLContext _mlContext;
    private readonly IDataView _training;
    private readonly IDataView _validation;
    private readonly Func<TextTransformerOptions> _createOptions;
    private readonly ITransformer _labelMapping;
    private readonly ConcurrentDictionary<int, TrainingHistory> _histories = new();

    /// <summary>Creates the objective.</summary>
    /// <param name="mlContext">The context that trains and evaluates.</param>
    /// <param name="training">Training rows with the raw label column and the text columns of the options.</param>
    /// <param name="validation">Validation rows with the same columns; trials are early-stopped, pruned and scored on them.</param>
    /// <param name="labelColumnName">The raw label column (any type <c>MapValueToKey</c> accepts).</param>
    /// <param name="createOptions">Makes the fixed part of a trial's options (text columns, epochs, heads, ...); called once per trial, then the trial's parameters are applied.</param>
    /// <exception cref="ArgumentException">The label column is missing or is also a text column.</exception>
    public TextClassificationObjective(MLContext mlContext, IDataView training, IDataView validation, string labelColumnName, Func<TextTransformerOptions> createOptions)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        ArgumentNullException.ThrowIfNull(createOptions);
        var textColumns = createOptions().TextColumnNames;
        if (textColumns.Contains(labelColumnName) || (labelColumnName != KeyColumn && textColumns.Contains(KeyColumn)))
        {
            throw new ArgumentException($"The label column '{labelColumnName}' must not also be a text column, and no text column may be named '{KeyColumn}'.", nameof(labelColumnName));
        }

        if (training.Schema.GetColumnOrNull(labelColumnName) is null)
        {
            throw new ArgumentException($"The training data has no label column '{labelColumnName}'; it has: {string.Join(", ", training.Schema.Select(c => c.Name))}.", nameof(labelColumnName));
        }

        (_mlContext, _training, _validation, _createOptions) = (mlContext, training, validation, createOptions);
        _labelMapping = mlContext.Transforms.Conversion.MapValueToKey(KeyColumn, labelColumnName).Fit(training);
    }

    /// <summary>Gets the metrics a trial returns, with their directions.</summary>
    public static IReadOnlyList<ObjectiveMetric> Metrics { get; } =
    [
        new(MacroAccuracy, OptimizationDirection.Maximize, "accuracy averaged over classes, on the validation data"),
        new(MicroAccuracy, OptimizationDirection.Maximize, "accuracy over examples, on the validation data"),
        new(LogLoss, OptimizationDirection.Minimize, "log-loss on the validation data"),
        new(ValidationLoss, OptimizationDirection.Minimize, "best per-epoch validation loss during training"),
    ];

    /// <summary>Gets or sets the validation loss whose first crossing measures convergence speed (<see cref="TrainingSummary.StepsToTarget"/>); null to skip.</summary>
    public double? TargetValidationLoss { get; set; }

    /// <summary>Gets the training histories of the trials run in this process, by trial number (for learning-curve charts).</summary>
    public IReadOnlyDictionary<int, TrainingHistory> Histories => _histories;

    /// <summary>
    /// The search space the normalization literature cares about: norm kind, placement, warmup steps, learning rate
    /// (log scale), depth and width. Names match <see cref="TextTransformerOptions"/> properties.
    /// </summary>
    public static SearchSpace DefaultSearchSpace() => new SearchSpace()
        .AddChoice<NormKind>(nameof(TextTransformerOptions.Norm))
        .AddChoice<NormPlacement>(nameof(TextTransformerOptions.Placement))
        .AddInteger(nameof(TextTransformerOptions.WarmupSteps), 0, 800)
        .AddFloat(nameof(TextTransformerOptions.LearningRate), 1e-4, 3e-3, logScale: true)
        .AddInteger(nameof(TextTransformerOptions.Layers), 1, 6)
        .AddChoice(nameof(TextTransformerOptions.ModelWidth), 64L, 128L, 256L);

    /// <inheritdoc/>
    public TrialResult Run(ParameterSet parameters, TrialContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var options = _createOptions();
        parameters.ApplyTo(options);
        options.LabelColumnName = KeyColumn;
        options.ValidationData = _labelMapping.Transform(_validation);
        context.ConfigureTraining(options);

        var classifier = _mlContext.MulticlassClassification.Trainers.TextTransformer(options).Fit(_labelMapping.Transform(_training));
        var history = classifier.Training!.History;
        _histories[context.TrialNumber] = history;
        var model = new TransformerChain<ITransformer>(_labelMapping, classifier);

        var clock = Stopwatch.StartNew();
        var scored = model.Transform(_validation);
        var evaluation = _mlContext.MulticlassClassification.Evaluate(scored, KeyColumn);
        clock.Stop();
        var rows = evaluation.ConfusionMatrix.Counts.Sum(r => r.Sum());

        var metrics = new Dictionary<string, double>
        {
            [MacroAccuracy] = evaluation.MacroAccuracy,
            [MicroAccuracy] = evaluation.MicroAccuracy,
            [LogLoss] = evaluation.LogLoss,
        };
        if (history.BestValidationLoss is { } best)
        {
            metrics[ValidationLoss] = best;
        }

        GradientFigures.AddTo(metrics, history, "blocks");
        if (context.ModelPath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _mlContext.Model.Save(model, _training.Schema, path);
        }

        return new TrialResult
        {
            Metrics = metrics,
            Training = TrainingSummary.FromHistory(history, TargetValidationLoss),
            InferenceLatency = rows > 0 ? clock.Elapsed / rows : null,
            ModelPath = context.ModelPath,
        };
    }
}
