using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Forecasting.Evaluation;
using MLNetNorm.Forecasting.Recurrent;
using MLNetNorm.Normalization;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Training;

namespace MLNetNorm.Sweeping.Objectives;

/// <summary>
/// Sweeps the LN-LSTM / LN-GRU forecaster with the M4 protocol: the last horizon of every series is held out; each
/// trial applies its parameters to fresh <see cref="LayerNormRnnForecasterOptions"/>, trains on the rest, forecasts
/// the held-out steps and returns sMAPE, MASE, OWA (against Naive2), MAE, RMSE and interval coverage, with the
/// training figures and the forecasting time per series. The saved zip is the fitted forecaster (trained on the histories).
/// </summary>
public sealed class ForecastingObjective : ITrialObjective
{
    /// <summary>The metric key of sMAPE in percent (minimize).</summary>
    public const string SymmetricMape = "smape";

    /// <summary>The metric key of MASE (minimize).</summary>
    public const string Mase = "mase";

    /// <summary>The metric key of OWA against Naive2 (minimize; below 1 beats Naive2).</summary>
    public const string Owa = "owa";

    /// <summary>The metric key of the pooled MAE (minimize).</summary>
    public const string MeanAbsoluteError = "mae";

    /// <summary>The metric key of the pooled RMSE (minimize).</summary>
    public const string RootMeanSquaredError = "rmse";

    /// <summary>The metric key of the interval coverage (informational).</summary>
    public const string Coverage = "coverage";

    private readonly MLContext _mlContext;
    private readonly SeriesHoldout _holdout;
    private readonly IDataView _trainingData;
    private readonly Func<LayerNormRnnForecasterOptions> _createOptions;
    private readonly ConcurrentDictionary<int, TrainingHistory> _histories = new();

    /// <summary>Creates the objective.</summary>
    /// <param name="mlContext">The context that trains.</param>
    /// <param name="series">The full series in time order; the last <c>Horizon</c> points of each are held out.</param>
    /// <param name="createOptions">Makes the fixed part of a trial's options (horizon, seasonal period, epochs, ...); called once per trial, then the trial's parameters are applied. Column names are set by the objective.</param>
    /// <exception cref="ArgumentException">A series has no more points than the horizon.</exception>
    public ForecastingObjective(MLContext mlContext, IEnumerable<(string Id, float[] Values)> series, Func<LayerNormRnnForecasterOptions> createOptions)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(createOptions);
        var options = createOptions();
        options.Validate();
        (_mlContext, _createOptions) = (mlContext, createOptions);
        (Horizon, SeasonalPeriod) = (options.Horizon, options.SeasonalPeriod);
        _holdout = SeriesHoldout.Create(series, options.Horizon);
        _trainingData = _holdout.TrainingData(mlContext);
    }

    /// <summary>Gets the metrics a trial returns, with their directions.</summary>
    public static IReadOnlyList<ObjectiveMetric> Metrics { get; } =
    [
        new(SymmetricMape, OptimizationDirection.Minimize, "sMAPE (%) on the held-out last horizon"),
        new(Mase, OptimizationDirection.Minimize, "MASE on the held-out last horizon"),
        new(Owa, OptimizationDirection.Minimize, "M4's overall weighted average against Naive2"),
        new(MeanAbsoluteError, OptimizationDirection.Minimize, "MAE pooled over series and steps"),
        new(RootMeanSquaredError, OptimizationDirection.Minimize, "RMSE pooled over series and steps"),
    ];

    /// <summary>Gets the held-out steps per series.</summary>
    public int Horizon { get; }

    /// <summary>Gets the seasonal period used by MASE and Naive2.</summary>
    public int SeasonalPeriod { get; }

    /// <summary>Gets or sets the validation loss whose first crossing measures convergence speed; null to skip.</summary>
    public double? TargetValidationLoss { get; set; }

    /// <summary>Gets the training histories of the trials run in this process, by trial number.</summary>
    public IReadOnlyDictionary<int, TrainingHistory> Histories => _histories;

    /// <summary>
    /// The default space: normalization inside the cells, cell type, hidden size (log scale), depth, input window
    /// (from the horizon to four horizons or three seasons), learning rate (log scale) and warmup. Names match
    /// <see cref="LayerNormRnnForecasterOptions"/> properties.
    /// </summary>
    /// <param name="horizon">The forecast horizon.</param>
    /// <param name="seasonalPeriod">The seasonal period.</param>
    public static SearchSpace DefaultSearchSpace(int horizon, int seasonalPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonalPeriod, 1);
        var smallest = Math.Max(horizon, seasonalPeriod);
        return new SearchSpace()
            .AddChoice<NormKind>(nameof(LayerNormRnnForecasterOptions.NormKind))
            .AddChoice<RecurrentCell>(nameof(LayerNormRnnForecasterOptions.Cell))
            .AddInteger(nameof(LayerNormRnnForecasterOptions.HiddenSize), 16, 128, logScale: true)
            .AddInteger(nameof(LayerNormRnnForecasterOptions.Layers), 1, 2)
            .AddInteger(nameof(LayerNormRnnForecasterOptions.WindowSize), smallest, Math.Max(4 * horizon, 3 * seasonalPeriod) + smallest)
            .AddFloat(nameof(LayerNormRnnForecasterOptions.LearningRate), 3e-4, 1e-2, logScale: true)
            .AddInteger(nameof(LayerNormRnnForecasterOptions.WarmupSteps), 0, 200);
    }

    /// <inheritdoc/>
    public TrialResult Run(ParameterSet parameters, TrialContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var options = _createOptions();
        parameters.ApplyTo(options);
        (options.SeriesColumnName, options.TimeColumnName, options.ValueColumnName) = ("SeriesId", "Time", "Value");
        if (options.Horizon != Horizon || options.SeasonalPeriod != SeasonalPeriod)
        {
            throw new InvalidOperationException($"A trial may not change Horizon or SeasonalPeriod (the holdout uses {Horizon} and {SeasonalPeriod}).");
        }

        context.ConfigureTraining(options);
        var fitted = _mlContext.Forecasting.ForecastWithLayerNormRnn(options).Fit(_trainingData);
        var history = fitted.TrainingHistory!;
        _histories[context.TrialNumber] = history;

        var clock = Stopwatch.StartNew();
        var forecasts = fitted.ForecastTrainedSeries();
        clock.Stop();
        var accuracy = _holdout.Evaluate(forecasts, SeasonalPeriod);
        var metrics = new Dictionary<string, double>
        {
            [SymmetricMape] = accuracy.SymmetricMape,
            [Mase] = accuracy.Mase,
            [Owa] = accuracy.Owa,
            [MeanAbsoluteError] = accuracy.MeanAbsoluteError,
            [RootMeanSquaredError] = accuracy.RootMeanSquaredError,
        };
        if (accuracy.IntervalCoverage is { } coverage)
        {
            metrics[Coverage] = coverage;
        }

        GradientFigures.AddTo(metrics, history, "rnn.layers");
        if (context.ModelPath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _mlContext.Model.Save(fitted, _trainingData.Schema, path);
        }

        return new TrialResult
        {
            Metrics = metrics,
            Training = TrainingSummary.FromHistory(history, TargetValidationLoss),
            InferenceLatency = forecasts.Count > 0 ? clock.Elapsed / forecasts.Count : null,
            ModelPath = context.ModelPath,
        };
    }
}
