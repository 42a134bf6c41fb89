using ScottPlot;

namespace MLNetNorm.Plotting;

/// <summary>Overlaid histograms of several samples, e.g. activation statistics before and after normalization.</summary>
public static class HistogramChart
{
    /// <summary>Draws one translucent histogram per sample over shared bins and saves the chart as a PNG.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="samples">The samples by label.</param>
    /// <param name="xLabel">What the values are.</param>
    /// <param name="bins">The number of bins over the joint range.</param>
    /// <returns>The full path of the PNG.</returns>
    public static string Save(string path, string title, IReadOnlyDictionary<string, double[]> samples, string xLabel, int bins = 40)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var finite = samples.Values.SelectMany(v => v).Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            throw new ArgumentException("The samples hold no finite values.", nameof(samples));
        }

        var (min, max) = (finite.Min(), finite.Max());
        if (min == max)
        {
            (min, max) = (min - 0.5, max + 0.5);
        }

        var plot = new Plot();
        var index = 0;
        foreach (var (label, values) in samples)
        {
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(bins, min, max);
            histogram.AddRange(values.Where(double.IsFinite));
            var color = ChartStyle.SeriesColor(index).WithAlpha(0.45);
            foreach (var bar in plot.Add.Histogram(histogram).Bars)
            {
                bar.FillColor = color;
                bar.LineWidth = 0;
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });

            index++;
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("count");
        plot.ShowLegend(Alignment.UpperRight);
        return ChartStyle.Save(plot, path);
    }
}
