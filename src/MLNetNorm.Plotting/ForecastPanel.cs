namespace MLNetNorm.Plotting;

/// <summary>One series to draw in a forecast chart: its recent history, the forecast with its interval, and the actual values when known.</summary>
/// <param name="Title">The panel title, e.g. the series id.</param>
/// <param name="History">The observed values shown, at times <paramref name="HistoryStart"/> onwards.</param>
/// <param name="Forecast">The point forecasts for the steps right after the history.</param>
/// <param name="Lower">The lower interval bounds, one per forecast.</param>
/// <param name="Upper">The upper interval bounds, one per forecast.</param>
/// <param name="Actual">The values that really followed the history (a hold-out), or null.</param>
/// <param name="HistoryStart">The time index of <c>History[0]</c>: non-zero when only the tail of a long history is shown.</param>
public sealed record ForecastPanel(
    string Title,
    IReadOnlyList<double> History,
    IReadOnlyList<double> Forecast,
    IReadOnlyList<double> Lower,
    IReadOnlyList<double> Upper,
    IReadOnlyList<double>? Actual = null,
    int HistoryStart = 0)
{
    /// <summary>
    /// Builds a panel from float arrays as the forecasters return them, keeping only the last <paramref name="shown"/>
    /// points of <paramref name="history"/> (all of them when it is shorter).
    /// </summary>
    /// <param name="title">The panel title.</param>
    /// <param name="history">The whole observed history.</param>
    /// <param name="forecast">The point forecasts.</param>
    /// <param name="lower">The lower bounds.</param>
    /// <param name="upper">The upper bounds.</param>
    /// <param name="actual">The held-out actual values, or null.</param>
    /// <param name="shown">How many of the last history points to draw.</param>
    /// <returns>The panel.</returns>
    public static ForecastPanel FromTail(string title, IReadOnlyList<float> history, IReadOnlyList<float> forecast, IReadOnlyList<float> lower,
        IReadOnlyList<float> upper, IReadOnlyList<float>? actual = null, int shown = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shown);
        var start = Math.Max(0, history.Count - shown);
        static double[] Doubles(IEnumerable<float> values) => values.Select(v => (double)v).ToArray();
        return new ForecastPanel(title, Doubles(history.Skip(start)), Doubles(forecast), Doubles(lower), Doubles(upper),
            actual is null ? null : Doubles(actual), start);
    }
}
