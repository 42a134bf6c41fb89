using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Trials;
using ScottPlot;

namespace MLNetNorm.Plotting;

/// <summary>PNG charts of a sweep.</summary>
public static class SweepCharts
{
    /// <summary>
    /// Saves the leaderboard as a horizontal bar chart of the optimized metric, best first: the completed trials with a
    /// finite value, labelled by <paramref name="label"/> (by default the trial number and its parameters).
    /// </summary>
    /// <param name="leaderboard">The sweep's leaderboard.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="label">Names a trial's bar; null for "#n: parameters".</param>
    /// <param name="top">The most bars to draw.</param>
    /// <returns>The full path of the PNG.</returns>
    /// <exception cref="InvalidOperationException">No trial completed with a finite metric value.</exception>
    public static string SaveLeaderboard(Leaderboard leaderboard, string path, Func<TrialRecord, string>? label = null, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        label ??= trial => $"#{trial.Number}: {trial.Parameters}";
        var entries = leaderboard.Rows
            .Where(r => r.Trial.State == TrialState.Completed && r.Value is { } v && double.IsFinite(v))
            .Take(Math.Max(1, top))
            .Select(r => (label(r.Trial), r.Value!.Value))
            .ToList();
        if (entries.Count == 0)
        {
            throw new InvalidOperationException("No trial completed with a finite metric value; there is no leaderboard to draw.");
        }

        var direction = leaderboard.Direction == OptimizationDirection.Minimize ? "lower is better" : "higher is better";
        return LeaderboardChart.Save(path, $"Leaderboard: {leaderboard.Metric} ({direction})", entries, leaderboard.Metric);
    }

    /// <summary>
    /// Saves the optimization history of a sweep as a PNG: the optimized metric of each completed trial against its
    /// trial number, and the best value so far as a step line. Trials without a finite metric value are left out.
    /// </summary>
    /// <param name="leaderboard">The sweep's leaderboard (<see cref="SweepResult.Leaderboard"/>).</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    /// <exception cref="InvalidOperationException">No trial completed with a finite metric value.</exception>
    public static void SaveOptimizationHistory(Leaderboard leaderboard, string path, int width = 900, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        var points = leaderboard.Rows
            .Where(r => r.Trial.State == TrialState.Completed && r.Value is { } v && double.IsFinite(v))
            .OrderBy(r => r.Trial.Number)
            .Select(r => (X: (double)r.Trial.Number, Y: r.Value!.Value))
            .ToList();
        if (points.Count == 0)
        {
            throw new InvalidOperationException("No trial completed with a finite metric value; there is nothing to plot.");
        }

        var better = leaderboard.Direction == OptimizationDirection.Minimize ? (Func<double, double, double>)Math.Min : Math.Max;
        var bestSoFar = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            bestSoFar[i] = i == 0 ? points[0].Y : better(bestSoFar[i - 1], points[i].Y);
        }

        var plot = new Plot();
        var trials = plot.Add.ScatterPoints(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        trials.LegendText = "completed trial";
        trials.MarkerSize = 7;
        var best = plot.Add.Scatter(points.Select(p => p.X).ToArray(), bestSoFar);
        best.LegendText = "best so far";
        best.ConnectStyle = ConnectStyle.StepHorizontal;
        best.MarkerSize = 0;
        best.LineWidth = 2;
        plot.Title($"Sweep: {leaderboard.Metric} ({leaderboard.Direction.ToString().ToLowerInvariant()}), {points.Count} completed of {leaderboard.Rows.Count} trials");
        plot.XLabel("trial");
        plot.YLabel(leaderboard.Metric);
        plot.ShowLegend();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, width, height);
    }
}
