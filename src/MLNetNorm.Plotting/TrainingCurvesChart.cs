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
        ChartStyle.IntegerTicksOnBottom(plot);
        plot.YLabel(curve == Curve.Loss ? "loss" : "log10 gradient norm");
        plot.ShowLegend(Alignment.UpperRight);
        return ChartStyle.Save(plot, path);
    }

    /// <summary>
    /// Draws one training run: training and validation loss per epoch on the left axis, and the mean and largest
    /// global gradient norm per epoch (before clipping) on the right axis; the kept (best) epoch is marked.
    /// </summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="history">The run's history.</param>
    /// <returns>The full path of the PNG.</returns>
    /// <exception cref="ArgumentException">The history holds no epoch.</exception>
    public static string SaveRun(string path, string title, TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Epochs.Count == 0)
        {
            throw new ArgumentException("The training history holds no epoch; there is nothing to plot.", nameof(history));
        }

        var plot = new Plot();
        var epochs = history.Epochs;
        var xs = epochs.Select(e => (double)e.Epoch).ToArray();
        var training = plot.Add.ScatterLine(xs, epochs.Select(e => e.TrainingLoss).ToArray(), ChartStyle.SeriesColor(0));
        (training.LegendText, training.MarkerSize) = ("training loss", 4);
        var validated = epochs.Where(e => e.ValidationLoss is not null).ToList();
        if (validated.Count > 0)
        {
            var validation = plot.Add.ScatterLine(validated.Select(e => (double)e.Epoch).ToArray(), validated.Select(e => e.ValidationLoss!.Value).ToArray(), ChartStyle.SeriesColor(1));
            (validation.LegendText, validation.MarkerSize) = ("validation loss", 4);
        }

        foreach (var (label, value, pattern) in new (string, Func<EpochRecord, double>, LinePattern)[]
        {
            ("mean gradient norm (right)", e => e.GradientNorm.Mean, LinePattern.Solid),
            ("max gradient norm (right)", e => e.GradientNorm.Max, LinePattern.Dotted),
        })
        {
            var line = plot.Add.ScatterLine(xs, epochs.Select(value).ToArray(), ChartStyle.SeriesColor(2));
            (line.LegendText, line.LinePattern, line.MarkerSize) = (label, pattern, 0);
            line.Axes.YAxis = plot.Axes.Right;
        }

        if (history.BestEpoch > 0)
        {
            var kept = plot.Add.VerticalLine(history.BestEpoch, color: Colors.Gray, pattern: LinePattern.Dashed);
            kept.LegendText = $"kept epoch {history.BestEpoch}";
        }

        plot.Title(history.Diverged ? $"{title} (diverged)" : title);
        plot.XLabel("epoch");
        ChartStyle.IntegerTicksOnBottom(plot);
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = "gradient norm";
        plot.ShowLegend(Edge.Bottom); // below the axes: five curves leave no free corner
        return ChartStyle.Save(plot, path);
    }
}
