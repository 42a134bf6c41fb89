using ScottPlot;

namespace MLNetNorm.Plotting;

/// <summary>A horizontal bar chart of one metric per entry, best first: a sweep's leaderboard or a benchmark table.</summary>
public static class LeaderboardChart
{
    /// <summary>Draws the bars and saves the chart as a PNG.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="entries">Label and value per entry, in the order to show (best first).</param>
    /// <param name="metric">The metric's name, for the axis label.</param>
    /// <returns>The full path of the PNG.</returns>
    public static string Save(string path, string title, IReadOnlyList<(string Label, double Value)> entries, string metric)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var plot = new Plot();
        var count = entries.Count;
        var bars = entries.Select((e, i) => new Bar
        {
            Position = count - i,
            Value = double.IsFinite(e.Value) ? e.Value : 0,
            FillColor = ChartStyle.SeriesColor(i == 0 ? 2 : 0),
            Label = double.IsFinite(e.Value) ? e.Value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : "n/a",
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        series.ValueLabelStyle.FontSize = 12;
        plot.Axes.Left.SetTicks(entries.Select((_, i) => (double)(count - i)).ToArray(), entries.Select(e => e.Label).ToArray());
        plot.Axes.Margins(left: 0);
        plot.Title(title);
        plot.XLabel(metric);
        return ChartStyle.Save(plot, path, height: Math.Max(300, 60 + 32 * count));
    }
}
