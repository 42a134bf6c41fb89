using ScottPlot;

namespace MLNetNorm.Plotting;

/// <summary>A series' history followed by its forecast and prediction interval (and the actual values, when known).</summary>
public static class ForecastChart
{
    /// <summary>Draws the chart and saves it as a PNG.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="title">The chart title, e.g. the series id.</param>
    /// <param name="history">The observed values, at times 0 .. n-1.</param>
    /// <param name="forecast">The point forecasts for times n .. n+h-1.</param>
    /// <param name="lower">The lower interval bounds, one per forecast.</param>
    /// <param name="upper">The upper interval bounds, one per forecast.</param>
    /// <param name="actual">The values that really followed the history, when known (a hold-out), else null.</param>
    /// <param name="intervalLabel">The legend text of the interval, e.g. "90% interval".</param>
    /// <returns>The full path of the PNG.</returns>
    public static string Save(string path, string title, IReadOnlyList<double> history, IReadOnlyList<double> forecast,
        IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double>? actual = null, string intervalLabel = "interval")
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(forecast);
        if (lower.Count != forecast.Count || upper.Count != forecast.Count)
        {
            throw new ArgumentException($"The interval has {lower.Count} lower and {upper.Count} upper bounds for {forecast.Count} forecasts.");
        }

        var plot = new Plot();
        var historyTimes = Enumerable.Range(0, history.Count).Select(i => (double)i).ToArray();
        var futureTimes = Enumerable.Range(history.Count, forecast.Count).Select(i => (double)i).ToArray();

        var band = plot.Add.FillY(futureTimes, lower.ToArray(), upper.ToArray());
        band.FillStyle.Color = ChartStyle.SeriesColor(1).WithAlpha(0.25);
        band.LineStyle.Width = 0;
        band.LegendText = intervalLabel;

        var observed = plot.Add.ScatterLine(historyTimes, history.ToArray(), ChartStyle.SeriesColor(0));
        observed.LegendText = "history";
        if (actual is not null)
        {
            var truth = plot.Add.ScatterLine(futureTimes.Take(actual.Count).ToArray(), actual.Take(futureTimes.Length).ToArray(), ChartStyle.SeriesColor(0));
            truth.LinePattern = LinePattern.Dotted;
            truth.LegendText = "actual";
        }

        var predicted = plot.Add.ScatterLine(futureTimes, forecast.ToArray(), ChartStyle.SeriesColor(1));
        predicted.LineWidth = 2;
        predicted.LegendText = "forecast";

        plot.Title(title);
        plot.XLabel("time step");
        plot.YLabel("value");
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartStyle.Save(plot, path);
    }
}
