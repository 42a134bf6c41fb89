using System.Globalization;
using Microsoft.ML;
using MLNetNorm.Plotting;
using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Trials;
using MLNetNorm.Sweeping.Tuners;
using Spectre.Console;

namespace MLNetNorm.Cli.Commands.Sweeping;

/// <summary>Runs a sweep under a Spectre progress bar (Ctrl+C re-queues the running trial and stops), then prints the leaderboard, the best trial and the chart path.</summary>
internal static class SweepConsole
{
    /// <summary>Runs <paramref name="objective"/> with <paramref name="options"/> and prints the outcome.</summary>
    /// <returns>The process exit code.</returns>
    public static int Run(SweepOptions options, ITrialObjective objective, string? chartPath, int top)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += cancel;
        options.CancellationToken = cancellation.Token;
        SweepResult result;
        try
        {
            var experiment = new SweepExperiment(new MLContext(options.Seed), options);
            result = AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var task = context.AddTask($"Sweep '{options.StudyName}' ({options.Tuner.Name})", maxValue: 1);
                    options.Progress = new ProgressBar(task, GridSize(options));
                    var outcome = experiment.Run(objective);
                    task.Value = task.MaxValue;
                    return outcome;
                });
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine($"[yellow]Cancelled.[/] The running trial was re-queued; continue with [bold]--resume[/] (study '{Markup.Escape(options.StudyName)}' in {Markup.Escape(options.StoragePath)}).");
            return 130;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(exception.Message)}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }

        AnsiConsole.Write(LeaderboardTable.Create(result.Leaderboard, options.SearchSpace, top));
        AnsiConsole.MarkupLine($"{result.TrialsRun} trials run in {result.Elapsed.TotalSeconds:F1}s{(result.BudgetExhausted ? " (time budget reached; --resume continues)" : string.Empty)}; {result.Trials.Count} in the study.");
        if (result.BestTrial is { } best)
        {
            AnsiConsole.MarkupLine($"[green]Best:[/] trial {best.Number}, {Markup.Escape(options.Metric)} = {LeaderboardTable.Format(best.MetricValue(options.Metric))}: {Markup.Escape(best.Parameters.ToString())}");
            if (best.ModelPath is not null)
            {
                AnsiConsole.MarkupLine($"Best model: {Markup.Escape(best.ModelPath)}");
            }
        }
        else
        {
            AnsiConsole.MarkupLine("[yellow]No trial completed with a finite metric value.[/]");
        }

        if (chartPath is not null && result.BestTrial is not null)
        {
            var history = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(chartPath))!, Path.GetFileNameWithoutExtension(chartPath) + "-history.png");
            SweepCharts.SaveOptimizationHistory(result.Leaderboard, history);
            AnsiConsole.MarkupLine($"Charts: {Markup.Escape(SweepCharts.SaveLeaderboard(result.Leaderboard, chartPath))}, {Markup.Escape(history)}");
        }

        return 0;
    }

    private static long? GridSize(SweepOptions options) => options.Tuner is GridTuner grid ? options.SearchSpace.GridSize(grid.Steps) : null;

    /// <summary>Moves the bar by finished trials against the trial limit (or grid size) and by time against the budget, whichever is further.</summary>
    private sealed class ProgressBar(ProgressTask task, long? gridSize) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            var limit = value.MaxTrials ?? gridSize;
            var byTrials = limit is { } l ? value.TrialsFinished / (double)l : 0;
            var byTime = value.TimeBudget is { } budget ? value.Elapsed / budget : 0;
            task.Value = Math.Min(1, Math.Max(byTrials, byTime));
            var best = value.BestValue is { } b ? $", best {LeaderboardTable.Format(b)}" : string.Empty;
            var step = value.Event == SweepEvent.TrialReported ? $" step {value.Step}: {LeaderboardTable.Format(value.Value)}" : string.Empty;
            task.Description = Markup.Escape($"trial {value.TrialNumber}{step} ({value.TrialsFinished} done{best})");
        }
    }
}
