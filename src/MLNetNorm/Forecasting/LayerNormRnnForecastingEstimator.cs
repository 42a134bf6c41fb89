using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.DataView;
using MLNetNorm.Runtime;
using MLNetNorm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting;

/// <summary>
/// Trains one global recurrent forecaster (LN-LSTM or LN-GRU) over every series of long-format data and fits a
/// <see cref="LayerNormRnnForecastingTransformer"/>. Create it with
/// <see cref="LayerNormRnnForecastingCatalog.ForecastWithLayerNormRnn(ForecastingCatalog, LayerNormRnnForecasterOptions)"/>.
/// </summary>
/// <remarks>
/// <para>
/// Each series must have at least <c>WindowSize + 2·Horizon</c> observations: the last horizon of every series is
/// held out for early stopping and for calibrating the prediction intervals (the network never trains on those targets);
/// windows before it are the training examples. The fitted model forecasts from the end of each full series. With
/// <see cref="LayerNormRnnForecasterOptions.SeasonalNaiveBlend"/>, that held-out horizon also chooses, per series, how
/// much of the forecast comes from seasonal naive.
/// </para>
/// <para>
/// Bad input fails with the series named: missing (NaN) or infinite values and times, a time repeated within a series,
/// a series shorter than the minimum. Unsorted rows are sorted by time. A constant series is fine (its windows scale to 1).
/// </para>
/// </remarks>
public sealed class LayerNormRnnForecastingEstimator : IEstimator<LayerNormRnnForecastingTransformer>
{
    private readonly LayerNormRnnForecasterOptions _options;
    private readonly TrainingHost _host;

    internal LayerNormRnnForecastingEstimator(LayerNormRnnForecasterOptions options, TrainingHost host)
    {
        _options = options;
        _host = host;
    }

    /// <summary>Trains the network on <paramref name="input"/>, calibrates its intervals, and returns the transformer.</summary>
    /// <param name="input">Long-format data: series id (optional), time (optional) and value columns as named in the options.</param>
    /// <returns>The fitted forecaster.</returns>
    /// <exception cref="InvalidOperationException">The data are invalid (the message names the series), or training diverged.</exception>
    public LayerNormRnnForecastingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.Validate();
        var settings = ForecastingSettings.From(_options);
        var series = SeriesTableReader.Read(input, settings.SeriesColumnName, settings.TimeColumnName, settings.ValueColumnName);
        var minimum = ForecastTrainingData.MinimumLength(settings);
        if (series.Count == 0)
        {
            throw new InvalidOperationException("The training data hold no rows.");
        }

        foreach (var s in series.Where(s => s.Values.Length < minimum))
        {
            throw new InvalidOperationException(
                $"Series '{s.Id}' has {s.Values.Length} observations; training needs at least WindowSize + 2·Horizon = {settings.WindowSize} + 2·{settings.Horizon} = {minimum} " +
                "(a window, a horizon to train on, and a held-out horizon). Use a shorter WindowSize or drop the series.");
        }

        foreach (var s in series)
        {
            if (ForecastWindows.DescribeUnscalable(s.Id, s.Values, settings.Scaling, i => $"t = {s.Times[i].ToString(CultureInfo.InvariantCulture)}") is { } problem)
            {
                throw new InvalidOperationException(problem);
            }
        }

        TorchRuntime.EnsureLoaded();
        var device = TorchDevice.Resolve(_options.Device);
        var seed = _host.ResolveSeed(_options.Seed);
        _host.Info($"training {(settings.EnsembleSize == 1 ? "a" : $"{settings.EnsembleSize} ×")} {settings.Cell} ({settings.NormKind}) forecaster on {series.Count} series, window {settings.WindowSize}, horizon {settings.Horizon}, seed {seed}");

        // Ensemble members train one after another, member k from seed + k, so member 0 is the single network of the same seed.
        var members = new List<RnnForecastingNetwork>(settings.EnsembleSize);
        var histories = new List<TrainingHistory>(settings.EnsembleSize);
        for (var k = 0; k < settings.EnsembleSize; k++)
        {
            manual_seed(seed + k);
            var member = new RnnForecastingNetwork(settings);
            member.to(device);
            var data = new ForecastTrainingData(new ForecastingModel(settings, member, device, new float[settings.Horizon]), series, _options.WindowsPerSeries, _options.BatchSize);
            var progress = EnsembleProgress.For(_options.Progress, k, settings.EnsembleSize);
            var history = new TrainingLoop(member, _options, _host, progress).Run(data, new Random(seed + k));
            if (history.Diverged && history.BestEpoch == 0)
            {
                throw new InvalidOperationException(
                    $"Forecaster training{(settings.EnsembleSize == 1 ? "" : $" (ensemble member {k + 1})")} diverged before any validated epoch, so there is no usable model. " +
                    "Lower LearningRate, enable GradientClipNorm, or use a norm (NormKind.LayerNorm).");
            }

            members.Add(member);
            histories.Add(history);
        }

        var network = ForecastingEnsemble.Of(members);
        var model = new ForecastingModel(settings, network, device, new float[settings.Horizon]);
        if (_options.SeasonalNaiveBlend)
        {
            model = model.WithSeasonalNaiveWeights(SeasonalNaiveBlend.Choose(model, series));
            _host.Info($"seasonal-naive blend: {model.SeasonalNaiveWeights.Count} of {series.Count} series forecast better on their held-out horizon with a seasonal-naive weight above 0");
        }

        var calibration = IntervalCalibration.Calibrate(model, series);
        _host.Info($"intervals at {settings.ConfidenceLevel:P0} calibrated on {calibration.ResidualCount} held-out residuals; measured coverage {calibration.MeasuredCoverage:P1}");
        var calibrated = new ForecastingModel(settings, network, device, calibration.HalfWidths, model.SeasonalNaiveWeights);
        var states = series.Select(s => new SeriesState(s.Id, s.Values[^settings.WindowSize..], s.Values.Length)).ToList();
        return new LayerNormRnnForecastingTransformer(calibrated, states, calibration.MeasuredCoverage, histories);
    }

    /// <summary>Returns the shape of the forecasts: one row per series with its id and the forecast and bound vectors.</summary>
    /// <param name="inputSchema">The shape of the training data.</param>
    /// <returns>The output shape (the input columns are not carried over: the output has one row per series).</returns>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (SchemaShapes.Find(inputSchema, _options.ValueColumnName) is not { } value || value.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The value column '{_options.ValueColumnName}' was not found or is not a scalar.");
        }

        var settings = ForecastingSettings.From(_options);
        return new SchemaShape(
        [
            SchemaShapes.Scalar(settings.OutputSeriesColumnName, TextDataViewType.Instance),
            SchemaShapes.Vector(settings.ForecastColumnName, NumberDataViewType.Single),
            SchemaShapes.Vector(settings.LowerBoundColumnName, NumberDataViewType.Single),
            SchemaShapes.Vector(settings.UpperBoundColumnName, NumberDataViewType.Single),
        ]);
    }
}
