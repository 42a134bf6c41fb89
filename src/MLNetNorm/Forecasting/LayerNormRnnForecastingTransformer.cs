using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetNorm.Forecasting;
using MLNetNorm.Persistence;
using MLNetNorm.Runtime;
using MLNetNorm.Training;

[assembly: LoadableClass(typeof(LayerNormRnnForecastingTransformer), null, typeof(SignatureLoadModel),
    "MLNetNorm LayerNorm RNN forecaster", LayerNormRnnForecastingTransformer.LoaderSignature)]

namespace MLNetNorm.Forecasting;

/// <summary>
/// A trained LN-LSTM / LN-GRU forecaster. Like ML.NET's <c>ForecastBySsa</c> it gives, per series, a forecast vector of
/// length horizon and lower and upper bound vectors at the confidence level; here the intervals are split-conformal,
/// calibrated on held-out data, and their coverage there is measured (<see cref="MeasuredCoverage"/>).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Transform"/> reads long-format history (the training columns) and returns one row per series with the
/// forecast from the end of that series: columns series id (text), forecast, lower bound and upper bound (float vectors
/// of length <see cref="Horizon"/>). It is not a row-to-row mapping, so it cannot serve ML.NET's row prediction engines;
/// use <see cref="CreateForecastEngine"/> for stateful forecasting with updates and checkpoints.
/// </para>
/// <para>
/// The transformer also keeps the last window of every training series, so <see cref="ForecastTrainedSeries"/> and the
/// engine forecast without the data. It saves and loads with <c>mlContext.Model.Save/Load</c>.
/// </para>
/// </remarks>
public sealed class LayerNormRnnForecastingTransformer : ITransformer
{
    internal const string LoaderSignature = "MLNetNormRnnForecaster";
    private static readonly VersionInfo Version = ModelPersistence.CreateVersion("LNRNNFC ", LoaderSignature, 0x00010005);

    private readonly ForecastingModel _model;
    private readonly IReadOnlyList<SeriesState> _states;

    internal LayerNormRnnForecastingTransformer(ForecastingModel model, IReadOnlyList<SeriesState> states, double measuredCoverage, IReadOnlyList<TrainingHistory> histories)
    {
        _model = model;
        _states = states;
        MeasuredCoverage = measuredCoverage;
        EnsembleHistories = histories;
    }

    /// <summary>Gets the number of forecast steps.</summary>
    public int Horizon => _model.Settings.Horizon;

    /// <summary>Gets the number of past observations the network reads.</summary>
    public int WindowSize => _model.Settings.WindowSize;

    /// <summary>Gets how the network's windows are scaled.</summary>
    public ForecastScaling Scaling => _model.Settings.Scaling;

    /// <summary>Gets the seasonal period m.</summary>
    public int SeasonalPeriod => _model.Settings.SeasonalPeriod;

    /// <summary>Gets the coverage the intervals were calibrated for.</summary>
    public double ConfidenceLevel => _model.Settings.ConfidenceLevel;

    /// <summary>
    /// Gets the interval coverage measured when calibrating: half-widths fitted on one half of the held-out residuals,
    /// checked on the other half (cross-fitted). NaN when there were too few residuals to measure. With
    /// <see cref="LayerNormRnnForecasterOptions.SeasonalNaiveBlend"/> the weights were chosen on the same held-out values,
    /// so the residuals are somewhat smaller than on new data and this figure somewhat optimistic.
    /// </summary>
    public double MeasuredCoverage { get; }

    /// <summary>
    /// Gets the interval half-width of each step on the scaled axis (see <see cref="Scaling"/>): in units of the window's
    /// level (the mean absolute value of its input) for <see cref="ForecastScaling.Ratio"/>, in log units for <see cref="ForecastScaling.LogRatio"/>.
    /// </summary>
    public IReadOnlyList<float> IntervalHalfWidths => _model.HalfWidths;

    /// <summary>Gets the learning curves of the training run (of the first member of an ensemble), or null for a loaded model.</summary>
    public TrainingHistory? TrainingHistory => EnsembleHistories.Count > 0 ? EnsembleHistories[0] : null;

    /// <summary>Gets the learning curves of every ensemble member (one for a single network); empty for a loaded model.</summary>
    public IReadOnlyList<TrainingHistory> EnsembleHistories { get; }

    /// <summary>Gets the ids of the series the model was trained on, in ordinal order (the order of the rows never matters).</summary>
    public IReadOnlyList<string> SeriesIds => _states.Select(s => s.Id).ToList();

    /// <summary>
    /// Gets, per series id, the weight w of seasonal naive in its forecast (<c>(1 − w)·network + w·seasonal naive</c> on
    /// the scaled axis), chosen on its held-out horizon when the model was trained with
    /// <see cref="LayerNormRnnForecasterOptions.SeasonalNaiveBlend"/>. Only weights above 0 are listed (none without the
    /// blend). The weight follows the id: <see cref="Forecast"/>, <see cref="Transform"/> and the engine apply it to these
    /// series' new data; any other series, new ones included, gets the network's forecast.
    /// </summary>
    public IReadOnlyDictionary<string, float> SeasonalNaiveWeights => _model.SeasonalNaiveWeights;

    /// <summary>Gets false: forecasts are made per series, not per row.</summary>
    public bool IsRowToRowMapper => false;

    internal ForecastingModel Model => _model;

    internal IReadOnlyList<SeriesState> States => _states;

    /// <summary>Returns the schema of <see cref="Transform"/>'s output.</summary>
    /// <param name="inputSchema">The schema of the history data.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var s = _model.Settings;
        if (inputSchema.GetColumnOrNull(s.ValueColumnName) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The value column '{s.ValueColumnName}' was not found.");
        }

        var builder = new DataViewSchema.Builder();
        builder.AddColumn(s.OutputSeriesColumnName, TextDataViewType.Instance);
        foreach (var name in new[] { s.ForecastColumnName, s.LowerBoundColumnName, s.UpperBoundColumnName })
        {
            builder.AddColumn(name, new VectorDataViewType(NumberDataViewType.Single, Horizon));
        }

        return builder.ToSchema();
    }

    /// <summary>Not supported: forecasts are made per series. Use <see cref="CreateForecastEngine"/>.</summary>
    /// <param name="inputSchema">Ignored.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("The forecaster maps whole series, not rows; use CreateForecastEngine() for stateful forecasting.");

    /// <summary>Forecasts every series of <paramref name="input"/> from its last observation.</summary>
    /// <param name="input">Long-format history with the training columns; each series needs at least <see cref="WindowSize"/> observations.</param>
    /// <returns>One row per series: id, forecast, lower bound, upper bound.</returns>
    public IDataView Transform(IDataView input)
    {
        var forecasts = Forecast(input);
        var s = _model.Settings;
        var schema = SchemaDefinition.Create(typeof(ForecastRow));
        schema[nameof(ForecastRow.SeriesId)].ColumnName = s.OutputSeriesColumnName;
        foreach (var (member, name) in new[] { (nameof(ForecastRow.Forecast), s.ForecastColumnName), (nameof(ForecastRow.LowerBound), s.LowerBoundColumnName), (nameof(ForecastRow.UpperBound), s.UpperBoundColumnName) })
        {
            schema[member].ColumnName = name;
            schema[member].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Horizon);
        }

        var rows = forecasts.Select(f => new ForecastRow { SeriesId = f.SeriesId, Forecast = f.Forecast, LowerBound = f.LowerBound, UpperBound = f.UpperBound }).ToList();
        return new MLContext().Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Forecasts every series of <paramref name="history"/> from its last observation.</summary>
    /// <param name="history">Long-format history with the training columns.</param>
    /// <returns>One forecast per series, in ordinal order of the series ids.</returns>
    /// <exception cref="InvalidOperationException">The history is invalid (the message names the series and time), for example a value ≤ 0 in the window the network reads under <see cref="ForecastScaling.LogRatio"/>.</exception>
    public IReadOnlyList<SeriesForecast> Forecast(IDataView history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var s = _model.Settings;
        var series = SeriesTableReader.Read(history, s.SeriesColumnName, s.TimeColumnName, s.ValueColumnName);
        foreach (var x in series)
        {
            // Only the window the network reads must be scalable.
            var start = Math.Max(0, x.Values.Length - WindowSize);
            if (ForecastWindows.DescribeUnscalable(x.Id, x.Values.AsSpan(start), s.Scaling, i => $"t = {x.Times[start + i].ToString(CultureInfo.InvariantCulture)}") is { } problem)
            {
                throw new InvalidOperationException(problem);
            }
        }

        return _model.Forecast(series.Select(x => new SeriesState(x.Id, x.Values[Math.Max(0, x.Values.Length - WindowSize)..], x.Values.Length)).ToList());
    }

    /// <summary>Forecasts every training series from the end of its training data.</summary>
    public IReadOnlyList<SeriesForecast> ForecastTrainedSeries() => _model.Forecast(_states);

    /// <summary>
    /// Returns a copy that forecasts every series with the network alone, ignoring <see cref="SeasonalNaiveWeights"/>: to
    /// see what the blend changed. Its intervals keep the widths, and <see cref="MeasuredCoverage"/> the value, calibrated
    /// with the blend.
    /// </summary>
    public LayerNormRnnForecastingTransformer WithoutSeasonalNaiveBlend() =>
        new(_model.WithSeasonalNaiveWeights(System.Collections.Frozen.FrozenDictionary<string, float>.Empty), _states, MeasuredCoverage, EnsembleHistories);

    /// <summary>Creates a stateful engine that starts from the end of every training series.</summary>
    public LayerNormRnnForecastEngine CreateForecastEngine() => new(this);

    /// <summary>Saves this transformer into an ML.NET model; called by <c>mlContext.Model.Save</c>.</summary>
    /// <param name="ctx">ML.NET's save context.</param>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ModelPersistence.Save(ctx, Version, WriteState);

    /// <summary>Returns a copy with other series states (the engine's checkpoints).</summary>
    internal LayerNormRnnForecastingTransformer WithStates(IReadOnlyList<SeriesState> states) => new(_model, states, MeasuredCoverage, EnsembleHistories);

    private static LayerNormRnnForecastingTransformer Create(IHostEnvironment env, ModelLoadContext ctx) =>
        ModelPersistence.Load(ctx, Version, nameof(LayerNormRnnForecastingTransformer), reader =>
        {
            var settings = ForecastingSettings.Read(reader);
            var halfWidths = ModelPersistence.ReadFloats(reader);
            var coverage = reader.ReadDouble();
            var weights = reader.ReadBytes(reader.ReadInt32());
            var count = reader.ReadInt32();
            if (halfWidths.Length != settings.Horizon || count < 0)
            {
                throw new InvalidDataException("The stored interval widths or series count do not match the forecaster's settings.");
            }

            var states = new List<SeriesState>(count);
            for (var i = 0; i < count; i++)
            {
                states.Add(new SeriesState(reader.ReadString(), ModelPersistence.ReadFloats(reader), reader.ReadInt64()));
            }

            var blendCount = reader.ReadInt32();
            if (blendCount < 0 || (blendCount > 0 && settings.SeasonalPeriod > settings.WindowSize))
            {
                throw new InvalidDataException(
                    $"The stored seasonal-naive weights ({blendCount}) are invalid: the count must not be negative, and the season ({settings.SeasonalPeriod}) must fit the window ({settings.WindowSize}).");
            }

            var seasonalNaive = new Dictionary<string, float>(StringComparer.Ordinal);
            var seriesIds = states.Select(state => state.Id).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < blendCount; i++)
            {
                var (id, weight) = (reader.ReadString(), reader.ReadSingle());
                if (!(weight is > 0 and <= 1))
                {
                    throw new InvalidDataException($"The stored seasonal-naive weight of series '{id}' is {weight.ToString(CultureInfo.InvariantCulture)}; weights must be in (0, 1].");
                }

                if (!seasonalNaive.TryAdd(id, weight))
                {
                    throw new InvalidDataException($"The seasonal-naive weight of series '{id}' is stored twice.");
                }

                if (!seriesIds.Contains(id))
                {
                    throw new InvalidDataException($"A seasonal-naive weight is stored for series '{id}', which is not among the model's series.");
                }
            }

            TorchRuntime.EnsureLoaded();
            var device = TorchSharp.torch.CPU;
            var network = ForecastingModel.LoadNetwork(settings, weights, device);
            return new LayerNormRnnForecastingTransformer(new ForecastingModel(settings, network, device, halfWidths, seasonalNaive), states, coverage, []);
        });

    private void WriteState(BinaryWriter writer)
    {
        _model.Settings.Write(writer);
        ModelPersistence.WriteFloats(writer, _model.HalfWidths);
        writer.Write(MeasuredCoverage);
        var weights = _model.SaveNetwork();
        writer.Write(weights.Length);
        writer.Write(weights);
        writer.Write(_states.Count);
        foreach (var state in _states)
        {
            writer.Write(state.Id);
            ModelPersistence.WriteFloats(writer, state.Tail);
            writer.Write(state.Count);
        }

        writer.Write(_model.SeasonalNaiveWeights.Count);
        foreach (var (id, weight) in _model.SeasonalNaiveWeights.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(id);
            writer.Write(weight);
        }
    }

    private sealed class ForecastRow
    {
        public string SeriesId { get; set; } = string.Empty;

        public float[] Forecast { get; set; } = [];

        public float[] LowerBound { get; set; } = [];

        public float[] UpperBound { get; set; } = [];
    }
}
