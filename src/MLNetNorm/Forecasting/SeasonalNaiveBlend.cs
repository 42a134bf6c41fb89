namespace MLNetNorm.Forecasting;

/// <summary>
/// Per-series blending of the global network with seasonal naive (the last season, repeated). A global network shares
/// one output layer across series, so on a series that repeats its cycle almost exactly it cannot match copying that
/// cycle, while on most series it beats copying. After training, each series' held-out last horizon (whose targets the
/// network never trained on) chooses its weight: the forecast on the scaled axis is
/// <c>(1 − w)·network + w·seasonal naive</c> with <c>w</c> in {0, 0.1, …, 1} minimizing the scaled MAE (the training
/// loss) of that horizon. Ties keep the smaller weight, so seasonal naive gets weight only where it helps.
/// </summary>
/// <remarks>
/// On the log axis (<see cref="ForecastScaling.LogRatio"/>) the blend is geometric in the series' units. The weight is
/// fitted on a single horizon per series: it is a per-series choice, like ES-RNN's per-series smoothing parameters, and
/// helps most when the seasonal pattern of a series is stable.
/// </remarks>
internal static class SeasonalNaiveBlend
{
    /// <summary>The weights tried, in order: 0, 0.1, …, 1.</summary>
    private static readonly float[] Candidates = Enumerable.Range(0, 11).Select(i => i / 10f).ToArray();

    /// <summary>Writes the seasonal-naive forecast of a window on the scaled axis: step k repeats <c>Source[End − m + k mod m]</c>.</summary>
    /// <param name="window">The forecast origin; its window holds at least one season.</param>
    /// <param name="level">The window's level (as the network's features use).</param>
    /// <param name="settings">The forecaster's season, horizon and scaling.</param>
    /// <param name="destination">The <c>Horizon</c> scaled values.</param>
    public static void WriteScaled(ForecastWindow window, float level, ForecastingSettings settings, Span<float> destination)
    {
        var season = settings.SeasonalPeriod;
        for (var k = 0; k < settings.Horizon; k++)
        {
            destination[k] = ForecastWindows.Scale(window.Source[window.End - season + k % season], level, settings.Scaling);
        }
    }

    /// <summary>Blends <paramref name="forecast"/> (the network's, scaled) in place with the window's seasonal-naive forecast.</summary>
    /// <param name="window">The forecast origin.</param>
    /// <param name="level">The window's level.</param>
    /// <param name="settings">The forecaster's settings.</param>
    /// <param name="weight">The seasonal-naive weight w.</param>
    /// <param name="forecast">The network's scaled forecast, replaced by the blend.</param>
    /// <param name="naive">Scratch space of <c>Horizon</c> values for the seasonal-naive forecast.</param>
    public static void Apply(ForecastWindow window, float level, ForecastingSettings settings, float weight, Span<float> forecast, Span<float> naive)
    {
        WriteScaled(window, level, settings, naive);
        for (var k = 0; k < forecast.Length; k++)
        {
            forecast[k] = (1 - weight) * forecast[k] + weight * naive[k];
        }
    }

    /// <summary>Chooses each series' seasonal-naive weight on its held-out last horizon; returns the series whose weight is above 0.</summary>
    /// <param name="model">The trained model (its own weights are ignored: the network alone is compared).</param>
    /// <param name="series">The training series; each holds a window and a held-out horizon.</param>
    /// <exception cref="InvalidOperationException">The network's forecast of a series' held-out horizon is not finite (the message names the series).</exception>
    public static Dictionary<string, float> Choose(ForecastingModel model, IReadOnlyList<SeriesData> series)
    {
        var settings = model.Settings;
        var horizon = settings.Horizon;
        var windows = series.Select(s => new ForecastWindow(s.Values, s.Values.Length - horizon, 0)).ToList();
        var network = model.PredictScaled(windows, out var levels);
        var (naive, actual) = (new float[horizon], new float[horizon]);
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var i = 0; i < series.Count; i++)
        {
            WriteScaled(windows[i], levels[i], settings, naive);
            for (var k = 0; k < horizon; k++)
            {
                actual[k] = ForecastWindows.Scale(series[i].Values[windows[i].End + k], levels[i], settings.Scaling);
            }

            var best = BestWeight(series[i].Id, actual, network.AsSpan(i * horizon, horizon), naive);
            if (best > 0)
            {
                weights[series[i].Id] = best;
            }
        }

        return weights;
    }

    /// <summary>
    /// Returns the candidate weight w whose blend <c>(1 − w)·network + w·naive</c> has the lowest absolute error against
    /// <paramref name="actual"/> (all on the scaled axis); ties keep the smaller weight.
    /// </summary>
    /// <param name="seriesId">The series, for the error message.</param>
    /// <param name="actual">The held-out values.</param>
    /// <param name="network">The network's forecast of them.</param>
    /// <param name="naive">Seasonal naive's forecast of them.</param>
    /// <exception cref="InvalidOperationException">A value is not finite, so no weight can be chosen.</exception>
    public static float BestWeight(string seriesId, ReadOnlySpan<float> actual, ReadOnlySpan<float> network, ReadOnlySpan<float> naive)
    {
        var (best, bestError) = (0f, double.PositiveInfinity);
        foreach (var w in Candidates)
        {
            var error = 0.0;
            for (var k = 0; k < actual.Length; k++)
            {
                error += Math.Abs(actual[k] - ((1 - w) * network[k] + w * naive[k]));
            }

            if (!double.IsFinite(error))
            {
                throw new InvalidOperationException(
                    $"Series '{seriesId}': the held-out error of the seasonal-naive blend is not finite (the network's forecast or a scaled value overflowed), so its weight cannot be chosen.");
            }

            if (error < bestError)
            {
                (best, bestError) = (w, error);
            }
        }

        return best;
    }
}
