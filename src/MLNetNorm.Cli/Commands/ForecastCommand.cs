using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MLNetNorm.Cli.Forecasting;
using MLNetNorm.Forecasting;
using MLNetNorm.Forecasting.Evaluation;
using MLNetNorm.Plotting;
using Spectre.Console;

namespace MLNetNorm.Cli.Commands;

/// <summary>
/// <c>mlnetnorm forecast</c>: trains the LN-LSTM / LN-GRU forecaster on a long-format CSV and writes
/// <c>series_id,step,forecast,lower,upper</c>; with <c>--validate</c>, holds out the last horizon of every series and
/// prints sMAPE / MASE / OWA of the model and of the Naive, seasonal naive and Naive2 baselines.
/// </summary>
internal static class ForecastCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new ForecastDataOptions();
        var output = new Option<FileInfo?>("--output") { Description = "Where to write series_id,step,forecast,lower,upper." };
        var model = new Option<FileInfo?>("--model") { Description = "Also save the trained model to this zip (mlContext.Model.Load reads it)." };
        var cell = ForecastCliOptions.Choice("--cell", "Recurrent cell.", "lstm", "lstm", "gru");
        var norm = ForecastCliOptions.Choice("--norm", "Normalization inside the cells.", "layer", "layer", "rms", "none");
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };
        var window = new Option<int>("--window") { Description = "Input window; 0 = max(2·horizon, 3·season).", DefaultValueFactory = _ => 0 };
        var skip = ForecastCliOptions.Skip();
        var recurrent = ForecastCliOptions.Recurrent();
        var scaling = ForecastCliOptions.Scaling();
        var blend = ForecastCliOptions.SeasonalNaiveBlend();
        var hidden = new Option<int>("--hidden") { Description = "Hidden size.", DefaultValueFactory = _ => 64 };
        var layers = new Option<int>("--layers") { Description = "Recurrent layers.", DefaultValueFactory = _ => 1 };
        var confidence = new Option<double>("--confidence") { Description = "Interval confidence level.", DefaultValueFactory = _ => 0.95 };
        var batchSize = new Option<int>("--batch-size") { Description = "Windows per optimizer step.", DefaultValueFactory = _ => 64 };
        var windowsPerSeries = new Option<int>("--windows-per-series") { Description = "Training windows drawn per series per epoch.", DefaultValueFactory = _ => 32 };
        var learningRate = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 1e-3 };
        var threads = TorchThreads.CreateOption();
        var validate = new Option<bool>("--validate") { Description = "Hold out the last horizon of each series and print accuracy against the baselines instead of forecasting." };
        var plot = new Option<FileInfo?>("--plot") { Description = "PNG of the forecasts with their intervals after the recent history (with --validate, also the held-out values)." };
        var plotSeries = new Option<int>("--plot-series") { Description = "How many series --plot draws (the first in ordinal id order), one panel each.", DefaultValueFactory = _ => 3 };
        var command = new Command("forecast", "Train an LN-LSTM/LN-GRU forecaster on a CSV and write forecasts with intervals (or --validate).")
        {
            output, model, cell, norm, epochs, seed, device, window, skip, recurrent, scaling, blend, hidden, layers, confidence, batchSize, windowsPerSeries, learningRate, threads, validate, plot, plotSeries,
        };
        data.AddTo(command);
        command.SetAction(parse =>
        {
            TorchThreads.Apply(parse.GetValue(threads));
            var options = new LayerNormRnnForecasterOptions
            {
                Horizon = data.Horizon(parse),
                SeasonalPeriod = data.Season(parse),
                Cell = ForecastCliOptions.ParseCell(parse.GetValue(cell)!),
                NormKind = ForecastCliOptions.ParseNorm(parse.GetValue(norm)!),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                Device = parse.GetValue(device)!,
                WindowSize = parse.GetValue(window),
                SkipLength = parse.GetValue(skip),
                RecurrentLength = parse.GetValue(recurrent),
                Scaling = ForecastCliOptions.ParseScaling(parse.GetValue(scaling)!),
                SeasonalNaiveBlend = parse.GetValue(blend),
                HiddenSize = parse.GetValue(hidden),
                Layers = parse.GetValue(layers),
                ConfidenceLevel = parse.GetValue(confidence),
                BatchSize = parse.GetValue(batchSize),
                WindowsPerSeries = parse.GetValue(windowsPerSeries),
                LearningRate = parse.GetValue(learningRate),
                RecordGradientStatistics = false,
            };
            if (parse.GetValue(plotSeries) < 1)
            {
                throw new ArgumentException($"--plot-series must be at least 1 (got {parse.GetValue(plotSeries)}).");
            }

            var mlContext = new MLContext(parse.GetValue(seed));
            var file = data.Load(mlContext, parse);
            var chart = parse.GetValue(plot) is { } plotPath ? new ForecastPlot(plotPath.FullName, parse.GetValue(plotSeries), options) : null;

            if (parse.GetValue(validate))
            {
                Validate(mlContext, file, options, chart);
                return 0;
            }

            (options.SeriesColumnName, options.TimeColumnName, options.ValueColumnName) = (file.SeriesColumnName, file.TimeColumnName, file.ValueColumnName);
            var fitted = Train(mlContext, options, file.Data);
            var forecasts = fitted.ForecastTrainedSeries();
            chart?.Save(file.ReadSeries(), forecasts, fitted.ConfidenceLevel, actual: null);
            if (parse.GetValue(output) is { } path)
            {
                WriteForecasts(path.FullName, forecasts);
                AnsiConsole.MarkupLine($"wrote {forecasts.Count} series × {options.Horizon} steps to [bold]{Markup.Escape(path.FullName)}[/]");
            }
            else
            {
                WriteForecasts(Console.Out, forecasts);
            }

            if (parse.GetValue(model) is { } modelPath)
            {
                mlContext.Model.Save(fitted, file.Data.Schema, modelPath.FullName);
                AnsiConsole.MarkupLine($"saved the model to [bold]{Markup.Escape(modelPath.FullName)}[/]");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Trains under a progress bar and reports the measured interval coverage.</summary>
    internal static LayerNormRnnForecastingTransformer Train(MLContext mlContext, LayerNormRnnForecasterOptions options, IDataView data)
    {
        var fitted = TrainingProgressBar.Run($"{options.Cell}/{options.NormKind}", progress =>
        {
            options.Progress = progress;
            return mlContext.Forecasting.ForecastWithLayerNormRnn(options).Fit(data);
        });
        var history = fitted.TrainingHistory!;
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
            $"[grey]{history.Epochs.Count} epochs (best {history.BestEpoch}) in {history.Duration.TotalSeconds:F1} s, {history.ParameterCount:N0} parameters; " +
            $"{options.ConfidenceLevel:P0} intervals, measured coverage on held-out residuals {fitted.MeasuredCoverage:P1}[/]");
        if (options.SeasonalNaiveBlend)
        {
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"[grey]seasonal-naive blend: {fitted.SeasonalNaiveWeights.Count} of {fitted.SeriesIds.Count} series take a weight above 0 " +
                $"({fitted.SeasonalNaiveWeights.Values.Count(w => w == 1)} seasonal naive alone; mean weight over all series {fitted.SeasonalNaiveWeights.Values.Sum() / fitted.SeriesIds.Count:F2})[/]");
        }

        return fitted;
    }

    private static void Validate(MLContext mlContext, SeriesTextFile file, LayerNormRnnForecasterOptions options, ForecastPlot? chart)
    {
        var holdout = SeriesHoldout.Create(file.ReadSeries(), options.Horizon);
        (options.SeriesColumnName, options.TimeColumnName, options.ValueColumnName) = ("SeriesId", "Time", "Value");
        var fitted = Train(mlContext, options, holdout.TrainingData(mlContext));
        var forecasts = fitted.ForecastTrainedSeries();
        var rows = new List<(string, ForecastMetrics)>();
        if (options.SeasonalNaiveBlend)
        {
            rows.Add(($"{options.Cell} ({options.NormKind}), network only", holdout.Evaluate(fitted.WithoutSeasonalNaiveBlend().ForecastTrainedSeries(), options.SeasonalPeriod)));
        }

        rows.Add(($"{options.Cell} ({options.NormKind}){(options.SeasonalNaiveBlend ? " + seasonal-naive blend" : "")}", holdout.Evaluate(forecasts, options.SeasonalPeriod)));
        rows.AddRange(holdout.EvaluateBaselines(options.SeasonalPeriod));
        AnsiConsole.Write(MetricsTable.Create($"Last {options.Horizon} points of {holdout.Series.Count} series held out, m = {options.SeasonalPeriod}", rows));
        chart?.Save(holdout.Series.Select(s => (s.Id, s.History)).ToList(), forecasts, fitted.ConfidenceLevel, holdout.Series.ToDictionary(s => s.Id, s => s.Actual));
    }

    private static void WriteForecasts(string path, IReadOnlyList<SeriesForecast> forecasts)
    {
        using var writer = new StreamWriter(path);
        WriteForecasts(writer, forecasts);
    }

    private static void WriteForecasts(TextWriter writer, IReadOnlyList<SeriesForecast> forecasts)
    {
        writer.WriteLine("series_id,step,forecast,lower,upper");
        foreach (var f in forecasts)
        {
            for (var k = 0; k < f.Forecast.Length; k++)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.SeriesId},{k + 1},{f.Forecast[k]:R},{f.LowerBound[k]:R},{f.UpperBound[k]:R}"));
            }
        }
    }
}
