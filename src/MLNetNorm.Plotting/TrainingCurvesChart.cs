using MLNetNorm.Training;
using ScottPlot;

namespace MLNetNorm.Plotting;

/// <summary>Learning curves of several training runs (e.g. one per norm placement) on shared axes.</summary>
public static class TrainingCurvesChart
{
    /// <summary>Which per-epoch figure to draw.</summary>
    public enum Curve
    {
        /// <summary>The validation loss (the training loss where a run has no validation set).</summary>
        Loss,

        /// <summary>The mean global gradient norm before clipping, on a log scale.</summary>
        GradientNorm,
    }

    /// <summary>Draws one line per run and saves the chart as a PNG.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="runs">The runs by label, e.g. "Post-LN, no warmup".</param>
    /// <param name="curve">Which figure to draw.</param>
    /// <returns>The full path of the PNG.</returns>
    public static string Save(string path, string title, IReadOnlyDictionary<string, TrainingHistory> runs, Curve curve = Curve.Loss)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var plot = new Plot();
        var index = 0;
        foreach (var (label, history) in runs)
        {
            var epochs = history.Epochs;
            var xs = epochs.Select(e => (double)e.Epoch).ToArray();
            var ys = epochs.Select(e => curve == Curve.Loss ? e.ValidationLoss ?? e.TrainingLoss : Math.Log10(Math.Max(e.GradientNorm.Mean, 1e-12))).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, ChartStyle.SeriesColor(index++));
            line.LegendText = history.Diverged ? $"{label} (diverged)" : label;
            line.MarkerSize = 4;
        }

        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(curve == Curve.Loss ? "loss" : "log10 gradient norm");
        plot.ShowLegend(Alignment.UpperRight);
        return ChartStyle.Save(plot, path);
    }
}
