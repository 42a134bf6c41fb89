using Microsoft.ML;

namespace MLNetNorm.Forecasting;

/// <summary>
/// A stateful forecaster, like ML.NET's <c>TimeSeriesPredictionEngine</c>: it keeps the latest window of every series,
/// takes new observations with <see cref="Update"/>, forecasts from the updated state with <see cref="Predict(string)"/>,
/// and saves the model with its current state with <see cref="CheckPoint"/> (reload it with <c>mlContext.Model.Load</c>
/// and call <see cref="LayerNormRnnForecastingTransformer.CreateForecastEngine"/> to continue).
/// </summary>
/// <remarks>Not thread-safe for concurrent updates; forecasts themselves are serialized on the network.</remarks>
public sealed class LayerNormRnnForecastEngine
{
    private readonly LayerNormRnnForecastingTransformer _transformer;
    private readonly Dictionary<string, SeriesState> _states;
    private readonly List<string> _order;

    internal LayerNormRnnForecastEngine(LayerNormRnnForecastingTransformer transformer)
    {
        _transformer = transformer;
        _states = transformer.States.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _order = transformer.States.Select(s => s.Id).ToList();
    }

    /// <summary>Gets the series the engine knows: the training series in ordinal id order, then series added by <see cref="Update"/> in the order they were added.</summary>
    public IReadOnlyList<string> SeriesIds => _order;

    /// <summary>Appends new observations (oldest first) to a series; a new series needs at least a full window.</summary>
    /// <param name="seriesId">The series.</param>
    /// <param name="values">The observations that follow the series' last one.</param>
    /// <exception cref="ArgumentException">A value is not finite (or, under <see cref="ForecastScaling.LogRatio"/>, not positive: every new observation is checked, even one older than the window kept), or a new series has fewer observations than the window.</exception>
    public void Update(string seriesId, ReadOnlySpan<float> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(seriesId);
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException($"Series '{seriesId}': new observation {i} is {values[i]}; observations must be finite.", nameof(values));
            }
        }

        if (ForecastWindows.DescribeUnscalable(seriesId, values, _transformer.Scaling, i => $"new observation {i}") is { } problem)
        {
            throw new ArgumentException(problem, nameof(values));
        }

        var window = _transformer.WindowSize;
        if (!_states.TryGetValue(seriesId, out var state))
        {
            if (values.Length < window)
            {
                throw new ArgumentException($"Series '{seriesId}' is new to the model: give at least {window} observations (a full window), got {values.Length}.", nameof(values));
            }

            state = new SeriesState(seriesId, [], 0);
            _order.Add(seriesId);
        }

        var combined = new float[state.Tail.Length + values.Length];
        state.Tail.CopyTo(combined, 0);
        values.CopyTo(combined.AsSpan(state.Tail.Length));
        _states[seriesId] = new SeriesState(seriesId, combined[Math.Max(0, combined.Length - window)..], state.Count + values.Length);
    }

    /// <summary>Forecasts one series from its current state.</summary>
    /// <param name="seriesId">The series.</param>
    /// <exception cref="KeyNotFoundException">The series is unknown.</exception>
    public SeriesForecast Predict(string seriesId) =>
        _transformer.Model.Forecast([_states.TryGetValue(seriesId, out var state) ? state : throw new KeyNotFoundException($"Series '{seriesId}' is unknown to this engine; Update it with a full window first.")])[0];

    /// <summary>Forecasts every series from its current state.</summary>
    public IReadOnlyList<SeriesForecast> Predict() => _transformer.Model.Forecast(_order.Select(id => _states[id]).ToList());

    /// <summary>Saves the model with the engine's current state of every series to <paramref name="modelPath"/>.</summary>
    /// <param name="mlContext">The context to save with.</param>
    /// <param name="modelPath">The model zip to write.</param>
    public void CheckPoint(MLContext mlContext, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        mlContext.Model.Save(_transformer.WithStates(_order.Select(id => _states[id]).ToList()), null, modelPath);
    }
}
