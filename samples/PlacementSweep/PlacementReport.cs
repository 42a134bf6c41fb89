using System.Globalization;
using System.Text;
using MLNetNorm.Plotting;
using MLNetNorm.Sweeping.Objectives;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Training;

namespace MLNetNorm.Samples.PlacementSweep;

/// <summary>The study's Markdown table and PNG charts.</summary>
public static class PlacementReport
{
    /// <summary>Names a trial by its configuration, e.g. "Post-LN LayerNorm, warmup 100".</summary>
    public static string Label(TrialRecord trial)
    {
        var placement = trial.Parameters.GetString("Placement") == "PreNorm" ? "Pre" : "Post";
        var warmup = trial.Parameters.GetInt64("WarmupSteps");
        return $"{placement}-{trial.Parameters.GetString("Norm")}, {(warmup == 0 ? "no warmup" : $"warmup {warmup}")}";
    }

    /// <summary>Returns the leaderboard as a Markdown table, best validation accuracy first.</summary>
    public static string Table(PlacementOutcome outcome)
    {
        var text = new StringBuilder();
        text.AppendLine("| # | configuration | val acc | final val loss | best val loss | steps to target | mean ‖g‖ epoch 1 | last/first block ‖g‖ | diverged | wall (s) | params |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in outcome.Sweep.Leaderboard.Rows)
        {
            var trial = row.Trial;
            var training = trial.Training;
            text.AppendLine(string.Join(" | ",
                $"| {row.Rank}",
                Label(trial) + (trial.State == TrialState.Completed ? string.Empty : $" ({trial.State.ToString().ToLowerInvariant()}: {trial.Error})"),
                F(trial.MetricValue(TextClassificationObjective.MicroAccuracy), "F3"),
                F(training?.FinalValidationLoss, "F3"),
                F(training?.BestValidationLoss, "F3"),
                training?.StepsToTarget?.ToString(CultureInfo.InvariantCulture) ?? "never",
                F(trial.MetricValue(GradientFigures.FirstEpochGradientNormMetric), "F3"),
                F(trial.MetricValue(GradientFigures.BlockRatioMetric), "F2"),
                training is null ? "-" : training.Diverged ? "**yes**" : "no",
                F(trial.WallTime?.TotalSeconds, "F1"),
                training?.ParameterCount.ToString("N0", CultureInfo.InvariantCulture) ?? "-") + " |");
        }

        return text.ToString();
    }

    /// <summary>Writes the validation-loss curves (one chart per placement), the gradient-norm curves and the leaderboard chart; returns their paths.</summary>
    public static IReadOnlyList<string> SaveCharts(PlacementOutcome outcome, string folder)
    {
        Directory.CreateDirectory(folder);
        var trials = outcome.Sweep.Trials.Where(t => outcome.Histories.ContainsKey(t.Number)).ToList();
        Dictionary<string, TrainingHistory> Runs(Func<TrialRecord, bool> keep) => trials.Where(keep).ToDictionary(Label, t => outcome.Histories[t.Number]);
        bool IsPre(TrialRecord t) => t.Parameters.GetString("Placement") == "PreNorm";
        var paths = new List<string>();
        if (trials.Any(IsPre))
        {
            paths.Add(TrainingCurvesChart.Save(Path.Combine(folder, "validation-loss-pre-ln.png"), "Pre-LN: validation loss per epoch", Runs(IsPre)));
        }

        if (trials.Any(t => !IsPre(t)))
        {
            paths.Add(TrainingCurvesChart.Save(Path.Combine(folder, "validation-loss-post-ln.png"), "Post-LN: validation loss per epoch", Runs(t => !IsPre(t))));
        }

        if (trials.Count > 0)
        {
            paths.Add(TrainingCurvesChart.Save(Path.Combine(folder, "gradient-norms.png"), "Mean global gradient norm per epoch (before clipping)", Runs(_ => true), TrainingCurvesChart.Curve.GradientNorm));
        }

        if (outcome.Sweep.BestTrial is not null)
        {
            paths.Add(SweepCharts.SaveLeaderboard(outcome.Sweep.Leaderboard, Path.Combine(folder, "leaderboard.png"), Label));
        }

        return paths;
    }

    private static string F(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
