using System.Globalization;
using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;
using Spectre.Console;

namespace MLNetNorm.Cli.Commands.Sweeping;

/// <summary>The leaderboard as a Spectre table: rank, trial, state, metric, one column per parameter, and the training figures that any trial reported.</summary>
internal static class LeaderboardTable
{
    /// <summary>Builds the table of the first <paramref name="top"/> rows.</summary>
    public static Table Create(Leaderboard leaderboard, SearchSpace space, int top)
    {
        var rows = leaderboard.Rows.Take(Math.Max(1, top)).ToList();
        var trials = rows.Select(r => r.Trial).ToList();
        var figures = new List<(string Header, Func<TrialRecord, string> Cell)>
        {
            ("time (s)", t => Format(t.WallTime?.TotalSeconds)),
        };
        if (trials.Any(t => t.IntermediateValues.Count > 0))
        {
            figures.Add(("curve", t => t.IntermediateValues.Count == 0 ? "-" : $"{t.IntermediateValues[^1].Step}: {Format(t.IntermediateValues[^1].Value)}"));
        }

        if (trials.Any(t => t.Training is not null))
        {
            figures.Add(("steps→target", t => t.Training?.StepsToTarget?.ToString(CultureInfo.InvariantCulture) ?? "-"));
            figures.Add(("max |g|", t => Format(t.Training?.GradientNorm?.Max)));
            figures.Add(("diverged", t => t.Training is null ? "-" : t.Training.Diverged ? "[red]yes[/]" : "no"));
            figures.Add(("params", t => t.Training?.ParameterCount.ToString("N0", CultureInfo.InvariantCulture) ?? "-"));
        }

        if (trials.Any(t => t.InferenceLatency is not null))
        {
            figures.Add(("latency (ms)", t => Format(t.InferenceLatency?.TotalMilliseconds)));
        }

        var direction = leaderboard.Direction == OptimizationDirection.Minimize ? "↓" : "↑";
        var table = new Table().Border(TableBorder.Rounded).Title($"Leaderboard: {Markup.Escape(leaderboard.Metric)} {direction}")
            .AddColumn("#", c => c.RightAligned()).AddColumn("trial", c => c.RightAligned()).AddColumn("state").AddColumn(Markup.Escape(leaderboard.Metric), c => c.RightAligned());
        foreach (var parameter in space)
        {
            table.AddColumn(Markup.Escape(parameter.Name));
        }

        foreach (var (header, _) in figures)
        {
            table.AddColumn(header, c => c.RightAligned());
        }

        foreach (var row in rows)
        {
            var cells = new List<string>
            {
                row.Rank.ToString(CultureInfo.InvariantCulture),
                row.Trial.Number.ToString(CultureInfo.InvariantCulture),
                State(row.Trial),
                Format(row.Value),
            };
            cells.AddRange(space.Select(p => row.Trial.Parameters.Contains(p.Name) ? Markup.Escape(Format(row.Trial.Parameters[p.Name])) : "-"));
            cells.AddRange(figures.Select(f => f.Cell(row.Trial)));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    /// <summary>Formats a number compactly (4 significant digits), or "-" when absent.</summary>
    public static string Format(double? value) => value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "-";

    private static string Format(object value) => value is double d ? Format(d) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string State(TrialRecord trial) => trial.State switch
    {
        TrialState.Completed => "[green]completed[/]",
        TrialState.Pruned => "[yellow]pruned[/]",
        TrialState.Failed => $"[red]failed[/] {Markup.Escape(Shorten(trial.Error))}",
        _ => trial.State.ToString().ToLowerInvariant(),
    };

    private static string Shorten(string? error) => error is null ? string.Empty : error.Length <= 40 ? error : error[..39] + "…";
}
