using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using MLNetNorm.Cli.Forecasting;
using MLNetNorm.Forecasting;
using MLNetNorm.Forecasting.Evaluation;
using MLNetNorm.Normalization;
using Spectre.Console;

namespace MLNetNorm.Cli.Commands;

/// <summary>
/// <c>mlnetnorm forecast-bench</c>: the forecasting benchmark. Holds out the last horizon of every series (M4 protocol)
/// and reports, side by side, the LN-LSTM, the same network with RMSNorm and without norm, Naive, seasonal naive,
/// Naive2 and a FastTree lag model: sMAPE, MASE, OWA, interval coverage, training time and peak memory. Every row runs
/// in its own child process, so each row's peak working set is its own. With <c>--seasonal-naive-blend</c>, each
/// network row is reported twice from one training: the network alone (<c>ln-lstm alone</c>) and blended (<c>ln-lstm + blend</c>).
/// </summary>
internal static class ForecastBenchCommand
{
    private static readonly string[] AllRows = ["ln-lstm", "rms-lstm", "lstm", "naive", "snaive", "naive2", "fasttree"];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Long-format CSV (series_id,t,value), e.g. m4-hourly-train.csv.", Required = true };
        var horizon = new Option<int>("--horizon") { Description = "Held-out steps per series.", DefaultValueFactory = _ => 48 };
        var season = new Option<int>("--season") { Description = "Seasonal period m.", DefaultValueFactory = _ => 24 };
        var window = new Option<int>("--window") { Description = "Input window of the networks and lags of FastTree.", DefaultValueFactory = _ => 168 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden size of the networks.", DefaultValueFactory = _ => 64 };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs of the networks.", DefaultValueFactory = _ => 12 };
        var windowsPerSeries = new Option<int>("--windows-per-series") { Description = "Training windows drawn per series per epoch.", DefaultValueFactory = _ => 32 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var rows = new Option<string>("--rows") { Description = $"Comma-separated rows to run: {string.Join(",", AllRows)}.", DefaultValueFactory = _ => string.Join(",", AllRows) };
        var output = new Option<FileInfo?>("--output") { Description = "Also write the table as Markdown to this file." };
        var batchSize = new Option<int>("--batch-size") { Description = "Windows per optimizer step.", DefaultValueFactory = _ => 256 };
        var ensemble = new Option<int>("--ensemble") { Description = "Networks per row, trained from consecutive seeds and averaged.", DefaultValueFactory = _ => 1 };
        var skip = ForecastCliOptions.Skip();
        var recurrent = ForecastCliOptions.Recurrent();
        var scaling = ForecastCliOptions.Scaling();
        var blend = ForecastCliOptions.SeasonalNaiveBlend();
        var threads = TorchThreads.CreateOption();
        var row = new Option<string?>("--row") { Hidden = true };
        var result = new Option<FileInfo?>("--result") { Hidden = true };
        var command = new Command("forecast-bench", "Benchmark LN-LSTM / RMS-LSTM / LSTM against Naive, seasonal naive, Naive2 and FastTree on held-out horizons.")
        {
            data, horizon, season, window, hidden, epochs, windowsPerSeries, batchSize, ensemble, skip, recurrent, scaling, blend, threads, seed, rows, output, row, result,
        };
        command.SetAction(parse =>
        {
            var settings = new BenchSettings(parse.GetValue(data)!.FullName, parse.GetValue(horizon), parse.GetValue(season), parse.GetValue(window),
                parse.GetValue(hidden), parse.GetValue(epochs), parse.GetValue(windowsPerSeries), parse.GetValue(batchSize), parse.GetValue(ensemble), parse.GetValue(skip), parse.GetValue(recurrent),
                ForecastCliOptions.ParseScaling(parse.GetValue(scaling)!), parse.GetValue(blend), parse.GetValue(threads), parse.GetValue(seed));
            if (parse.GetValue(row) is { } single)
            {
                TorchThreads.Apply(settings.Threads);
                var outcome = RunRow(single, settings);
                File.WriteAllText(parse.GetValue(result)!.FullName, JsonSerializer.Serialize(outcome));
                return 0;
            }

            var names = parse.GetValue(rows)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var unknown in names.Except(AllRows))
            {
                throw new ArgumentException($"--rows: unknown row '{unknown}'; use {string.Join(", ", AllRows)}.");
            }

            var outcomes = new List<RowOutcome>();
            foreach (var name in names)
            {
                AnsiConsole.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss} running {name} in its own process...[/]");
                foreach (var last in RunInChildProcess(name, settings))
                {
                    outcomes.Add(last);
                    AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"[grey]  {last.Name}: sMAPE {last.SMape:F3}, MASE {last.Mase:F3}, OWA {last.Owa:F3}, {last.TrainingSeconds:F0} s{(last.BlendedSeries is { } n ? $", {n} series with a seasonal-naive weight above 0" : "")}[/]");
                }
            }

            var table = ToTable(outcomes, settings);
            AnsiConsole.Write(table.Spectre);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path.FullName, table.Markdown);
            }

            return 0;
        });
        return command;
    }

    private static List<RowOutcome> RunInChildProcess(string name, BenchSettings settings)
    {
        var resultPath = Path.Combine(Path.GetTempPath(), $"mlnetnorm-bench-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ForecastBenchCommand).Assembly.Location);
        }

        foreach (var argument in new[]
                 {
                     "forecast-bench", "--data", settings.DataPath, "--horizon", I(settings.Horizon), "--season", I(settings.Season), "--window", I(settings.Window),
                     "--hidden", I(settings.Hidden), "--epochs", I(settings.Epochs), "--windows-per-series", I(settings.WindowsPerSeries), "--batch-size", I(settings.BatchSize), "--ensemble", I(settings.Ensemble), "--skip", I(settings.Skip), "--recurrent", I(settings.Recurrent),
                     "--scaling", settings.Scaling == ForecastScaling.LogRatio ? "log" : "ratio",
                     "--threads", I(settings.Threads), "--seed", I(settings.Seed),
                     "--row", name, "--result", resultPath,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (settings.SeasonalNaiveBlend)
        {
            start.ArgumentList.Add("--seasonal-naive-blend");
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the benchmark row '{name}'");
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(resultPath))
            {
                throw new InvalidOperationException($"benchmark row '{name}' failed (exit code {process.ExitCode}):\n{stderr.Result}");
            }

            return JsonSerializer.Deserialize<List<RowOutcome>>(File.ReadAllText(resultPath))!;
        }
        finally
        {
            File.Delete(resultPath);
        }

        static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private static List<RowOutcome> RunRow(string name, BenchSettings s)
    {
        var mlContext = new MLContext(s.Seed);
        var file = SeriesTextFile.Load(mlContext, s.DataPath);
        var holdout = SeriesHoldout.Create(file.ReadSeries(), s.Horizon);
        var clock = Stopwatch.StartNew();
        ForecastMetrics metrics;
        switch (name)
        {
            case "ln-lstm" or "rms-lstm" or "lstm":
                var options = new LayerNormRnnForecasterOptions
                {
                    SeriesColumnName = "SeriesId", TimeColumnName = "Time", ValueColumnName = "Value",
                    Horizon = s.Horizon, SeasonalPeriod = s.Season, WindowSize = s.Window, HiddenSize = s.Hidden, Epochs = s.Epochs,
                    WindowsPerSeries = s.WindowsPerSeries, BatchSize = s.BatchSize, LearningRate = 3e-3, Seed = s.Seed, Device = "cpu",
                    EnsembleSize = s.Ensemble, SkipLength = s.Skip, RecurrentLength = s.Recurrent, Scaling = s.Scaling, SeasonalNaiveBlend = s.SeasonalNaiveBlend,
                    EarlyStoppingPatience = 4, RecordGradientStatistics = false,
                    NormKind = name switch { "ln-lstm" => NormKind.LayerNorm, "rms-lstm" => NormKind.RmsNorm, _ => NormKind.None },
                };
                var model = mlContext.Forecasting.ForecastWithLayerNormRnn(options).Fit(holdout.TrainingData(mlContext));
                var trainingSeconds = clock.Elapsed.TotalSeconds;
                var epochs = model.TrainingHistory!.Epochs.Count;
                metrics = holdout.Evaluate(model.ForecastTrainedSeries(), s.Season);
                if (!s.SeasonalNaiveBlend)
                {
                    return [RowOutcome.From(name, metrics, trainingSeconds, epochs)];
                }

                var networkOnly = holdout.Evaluate(model.WithoutSeasonalNaiveBlend().ForecastTrainedSeries(), s.Season);
                return
                [
                    RowOutcome.From($"{name} alone", networkOnly, trainingSeconds, epochs),
                    RowOutcome.From($"{name} + blend", metrics, trainingSeconds, epochs) with { BlendedSeries = model.SeasonalNaiveWeights.Count },
                ];
            case "fasttree":
                var histories = holdout.Series.Select(x => x.History).ToList();
                foreach (var x in holdout.Series.Where(x => ForecastWindows.FirstUnscalable(x.History, s.Scaling) >= 0))
                {
                    throw new InvalidOperationException($"Series '{x.Id}': a value is not positive, so --scaling log cannot scale it for FastTree; use --scaling ratio.");
                }

                var trees = new FastTreeLagForecaster(mlContext, s.Window, s.Season, s.Scaling);
                trees.Fit(histories, rowsPerSeries: 200, trees: 300, s.Seed);
                var seconds = clock.Elapsed.TotalSeconds;
                var forecasts = trees.Forecast(histories, s.Horizon);
                var byHistory = holdout.Series.Select((x, i) => (x.History, Forecast: forecasts[i])).ToDictionary(x => x.History, x => x.Forecast);
                metrics = holdout.Evaluate((history, _) => byHistory[history], s.Season);
                return [RowOutcome.From(name, metrics, seconds, 0)];
            default:
                var baseline = holdout.EvaluateBaselines(s.Season).Single(b => b.Name == name switch { "naive" => "Naive", "snaive" => "Seasonal naive", _ => "Naive2" });
                return [RowOutcome.From(name, baseline.Metrics, clock.Elapsed.TotalSeconds, 0)];
        }
    }

    private static (Table Spectre, string Markdown) ToTable(IReadOnlyList<RowOutcome> outcomes, BenchSettings s)
    {
        var title = $"{Path.GetFileName(s.DataPath)}: last {s.Horizon} points held out, m = {s.Season}, window {s.Window}, hidden {s.Hidden}, batch {s.BatchSize}, ≤ {s.Epochs} epochs × {s.WindowsPerSeries} windows/series{(s.Ensemble > 1 ? $", ensembles of {s.Ensemble}" : "")}{(s.Skip > 0 ? $", skip {s.Skip}" : "")}{(s.Recurrent > 0 ? $", recurrent {s.Recurrent}" : "")}{(s.Scaling == ForecastScaling.LogRatio ? ", log scaling" : "")}{(s.SeasonalNaiveBlend ? ", seasonal-naive blend" : "")}, {s.Threads} thread(s), seed {s.Seed}";
        var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumn("Row");
        string[] headers = ["sMAPE", "MASE", "OWA", "Coverage", "Epochs", "Train s", "Peak MB"];
        foreach (var h in headers)
        {
            table.AddColumn(h, c => c.RightAligned());
        }

        var markdown = new System.Text.StringBuilder($"{title}\n\n| Row | {string.Join(" | ", headers)} |\n|---|{string.Concat(headers.Select(_ => "---:|"))}\n");
        foreach (var o in outcomes)
        {
            string[] cells =
            [
                F(o.SMape, "F3"), F(o.Mase, "F3"), F(o.Owa, "F3"), o.Coverage is { } c ? F(100 * c, "F1") + " %" : "-",
                o.Epochs > 0 ? o.Epochs.ToString(CultureInfo.InvariantCulture) : "-", F(o.TrainingSeconds, "F1"), F(o.PeakWorkingSetMegabytes, "F0"),
            ];
            table.AddRow([o.Name, .. cells]);
            markdown.AppendLine($"| {o.Name} | {string.Join(" | ", cells)} |");
        }

        return (table, markdown.ToString());
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record BenchSettings(string DataPath, int Horizon, int Season, int Window, int Hidden, int Epochs, int WindowsPerSeries, int BatchSize, int Ensemble, int Skip, int Recurrent, ForecastScaling Scaling, bool SeasonalNaiveBlend, int Threads, int Seed);

    /// <summary>One row's result, passed from the child process as JSON.</summary>
    private sealed record RowOutcome(string Name, double SMape, double Mase, double Owa, double? Coverage, double TrainingSeconds, int Epochs, double PeakWorkingSetMegabytes)
    {
        /// <summary>Gets, for a blended row, how many series have a seasonal-naive weight above 0.</summary>
        public int? BlendedSeries { get; init; }

        public static RowOutcome From(string name, ForecastMetrics m, double seconds, int epochs) =>
            new(name, m.SymmetricMape, m.Mase, m.Owa, m.IntervalCoverage, seconds, epochs, Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
    }
}
