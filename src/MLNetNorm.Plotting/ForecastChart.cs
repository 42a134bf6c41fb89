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
        IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double>? actual = null, string intervalLabel = "interval") =>
        Save(path, [new ForecastPanel(title, history, forecast, lower, upper, actual)], intervalLabel);

    /// <summary>Draws one panel per series, stacked top to bottom, and saves them as one PNG.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="panels">The series to draw, in order (at least one).</param>
    /// <param name="intervalLabel">The legend text of the interval, e.g. "95% interval".</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="panelHeight">The height of each panel in pixels; null for the default chart height with one panel and 300 px each with several.</param>
    /// <returns>The full path of the PNG.</returns>
    /// <exception cref="ArgumentException">No panel, or a panel whose interval does not match its forecast.</exception>
    public static string Save(string path, IReadOnlyList<ForecastPanel> panels, string intervalLabel = "interval", int width = ChartStyle.Width, int? panelHeight = null)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
        {
            throw new ArgumentException("There is no series to draw.", nameof(panels));
        }

        foreach (var panel in panels)
        {
            Validate(panel);
        }

        if (panels.Count == 1)
        {
            var plot = new Plot();
            Draw(plot, panels[0], intervalLabel);
            return ChartStyle.Save(plot, path, width, panelHeight ?? ChartStyle.Height);
        }

        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Count);
        for (var i = 0; i < panels.Count; i++)
        {
            Draw(multiplot.GetPlot(i), panels[i], intervalLabel);
        }

        return ChartStyle.Save(multiplot, path, width, panels.Count * (panelHeight ?? 300));
    }

    private static void Validate(ForecastPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(panel.History);
        ArgumentNullException.ThrowIfNull(panel.Forecast);
        if (panel.Lower.Count != panel.Forecast.Count || panel.Upper.Count != panel.Forecast.Count)
        {
            throw new ArgumentException($"'{panel.Title}': the interval has {panel.Lower.Count} lower and {panel.Upper.Count} upper bounds for {panel.Forecast.Count} forecasts.");
        }
    }

    private static void Draw(Plot plot, ForecastPanel panel, string intervalLabel)
    {
        var historyTimes = Enumerable.Range(panel.HistoryStart, panel.History.Count).Select(i => (double)i).ToArray();
        var futureTimes = Enumerable.Range(panel.HistoryStart + panel.History.Count, panel.Forecast.Count).Select(i => (double)i).ToArray();

        var band = plot.Add.FillY(futureTimes, panel.Lower.ToArray(), panel.Upper.ToArray());
        band.FillStyle.Color = ChartStyle.SeriesColor(1).WithAlpha(0.25);
        band.LineStyle.Width = 0;
        band.LegendText = intervalLabel;

        var observed = plot.Add.ScatterLine(historyTimes, panel.History.ToArray(), ChartStyle.SeriesColor(0));
        observed.LegendText = "history";
        if (panel.Actual is { } actual)
        {
            var truth = plot.Add.ScatterLine(futureTimes.Take(actual.Count).ToArray(), actual.Take(futureTimes.Length).ToArray(), ChartStyle.SeriesColor(0));
            truth.LinePattern = LinePattern.Dotted;
            truth.LegendText = "actual";
        }

        var predicted = plot.Add.ScatterLine(futureTimes, panel.Forecast.ToArray(), ChartStyle.SeriesColor(1));
        predicted.LineWidth = 2;
        predicted.LegendText = "forecast";

        plot.Title(panel.Title);
        plot.XLabel("time step");
        plot.YLabel("value");
        plot.ShowLegend(Alignment.UpperLeft);
    }
}
