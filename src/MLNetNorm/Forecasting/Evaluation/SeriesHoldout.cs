using Microsoft.ML;

namespace MLNetNorm.Forecasting.Evaluation;

/// <summary>
/// The M4 evaluation protocol on your own data: the last <c>horizon</c> observations of every series are held out as
/// the test; models train on the rest (<see cref="TrainingData"/>) and are scored on the held-out part.
/// </summary>
public sealed class SeriesHoldout
{
    private readonly List<(string Id, float[] History, float[] Actual)> _series;

    private SeriesHoldout(List<(string Id, float[] History, float[] Actual)> series, int horizon)
    {
        _series = series;
        Horizon = horizon;
    }

    /// <summary>Gets the number of held-out steps per series.</summary>
    public int Horizon { get; }

    /// <summary>Gets each series' history (training part) and held-out actual values.</summary>
    public IReadOnlyList<(string Id, float[] History, float[] Actual)> Series => _series;

    /// <summary>Splits every series into history and its last <paramref name="horizon"/> observations.</summary>
    /// <param name="series">The full series, in time order.</param>
    /// <param name="horizon">The held-out steps.</param>
    /// <exception cref="ArgumentException">A series has no more observations than the horizon.</exception>
    public static SeriesHoldout Create(IEnumerable<(string Id, float[] Values)> series, int horizon)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var split = new List<(string, float[], float[])>();
        foreach (var (id, values) in series)
        {
            if (values.Length <= horizon)
            {
                throw new ArgumentException($"Series '{id}' has {values.Length} observations; holding out {horizon} needs more.", nameof(series));
            }

            split.Add((id, values[..^horizon], values[^horizon..]));
        }

        return new SeriesHoldout(split, horizon);
    }

    /// <summary>The histories in long format: columns <c>SeriesId</c> (text), <c>Time</c> (double, from 0) and <c>Value</c> (float).</summary>
    /// <param name="mlContext">The context.</param>
    public IDataView TrainingData(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var rows = _series.SelectMany(s => s.History.Select((v, t) => new LongFormatRow { SeriesId = s.Id, Time = t, Value = v })).ToList();
        return mlContext.Data.LoadFromEnumerable(rows);
    }

    /// <summary>Scores forecasts (matched to the series by id) on the held-out part.</summary>
    /// <param name="forecasts">One forecast per series, of length <see cref="Horizon"/>.</param>
    /// <param name="season">The seasonal period m.</param>
    /// <exception cref="ArgumentException">A series has no forecast.</exception>
    public ForecastMetrics Evaluate(IEnumerable<SeriesForecast> forecasts, int season)
    {
        var byId = forecasts.ToDictionary(f => f.SeriesId, StringComparer.Ordinal);
        return ForecastEvaluator.Evaluate(_series.Select(s => byId.TryGetValue(s.Id, out var f)
            ? new SeriesOutcome(s.Id, s.History, s.Actual, f.Forecast, f.LowerBound, f.UpperBound)
            : throw new ArgumentException($"Series '{s.Id}' has no forecast.", nameof(forecasts))), season);
    }

    /// <summary>Scores a point forecaster given as a function of a series' history and the horizon.</summary>
    /// <param name="forecaster">Maps a history to <see cref="Horizon"/> forecasts.</param>
    /// <param name="season">The seasonal period m.</param>
    public ForecastMetrics Evaluate(Func<float[], int, float[]> forecaster, int season)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        return ForecastEvaluator.Evaluate(_series.Select(s => new SeriesOutcome(s.Id, s.History, s.Actual, forecaster(s.History, Horizon))), season);
    }

    /// <summary>Scores M4's baselines: Naive, seasonal naive and Naive2.</summary>
    /// <param name="season">The seasonal period m.</param>
    /// <returns>The metrics by baseline name.</returns>
    public IReadOnlyList<(string Name, ForecastMetrics Metrics)> EvaluateBaselines(int season) =>
    [
        ("Naive", Evaluate((h, n) => ForecastBaselines.Naive(h, n), season)),
        ("Seasonal naive", Evaluate((h, n) => ForecastBaselines.SeasonalNaive(h, n, season), season)),
        ("Naive2", Evaluate((h, n) => ForecastBaselines.Naive2(h, n, season), season)),
    ];

    private sealed class LongFormatRow
    {
        public string SeriesId { get; set; } = string.Empty;

        public double Time { get; set; }

        public float Value { get; set; }
    }
}
