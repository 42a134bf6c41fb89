using System.CommandLine;
using Microsoft.ML;
using MLNetNorm.Cli.Forecasting;
using MLNetNorm.Forecasting;
using MLNetNorm.Sweeping.Objectives;

namespace MLNetNorm.Cli.Commands.Sweeping;

/// <summary><c>mlnetnorm sweep forecast</c>: sweeps the LN-LSTM/LN-GRU forecaster on a CSV, scored on the held-out last horizon of every series.</summary>
internal static class ForecastSweepCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new ForecastDataOptions();
        var sweep = new SweepCommandOptions();
        var metric = new Option<string>("--metric")
        {
            Description = "Metric to optimize on the held-out last horizon: " + string.Join("; ", ForecastingObjective.Metrics.Select(m => $"{m.Name} ({m.Description})")) + ".",
            DefaultValueFactory = _ => ForecastingObjective.Owa,
        };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs per trial.", DefaultValueFactory = _ => 30 };
        var batchSize = new Option<int>("--batch-size") { Description = "Windows per optimizer step.", DefaultValueFactory = _ => 64 };
        var windowsPerSeries = new Option<int>("--windows-per-series") { Description = "Training windows drawn per series per epoch.", DefaultValueFactory = _ => 32 };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };
        var threads = TorchThreads.CreateOption();
        var command = new Command("forecast", "Sweep the LN-LSTM/LN-GRU forecaster: norm kind, cell, hidden size, depth, window, learning rate and warmup, scored by sMAPE/MASE/OWA on the last horizon.")
        {
            metric, epochs, batchSize, windowsPerSeries, device, threads,
        };
        data.AddTo(command);
        sweep.AddTo(command);
        command.SetAction(parse =>
        {
            TorchThreads.Apply(parse.GetValue(threads));
            var chosen = ObjectiveMetric.Find(ForecastingObjective.Metrics, parse.GetValue(metric)!);
            var mlContext = new MLContext(parse.GetValue(sweep.Seed));
            var file = data.Load(mlContext, parse);
            var (horizon, season, epochCount) = (data.Horizon(parse), data.Season(parse), parse.GetValue(epochs));
            var objective = new ForecastingObjective(mlContext, file.ReadSeries(), () => new LayerNormRnnForecasterOptions
            {
                Horizon = horizon,
                SeasonalPeriod = season,
                Epochs = epochCount,
                BatchSize = parse.GetValue(batchSize),
                WindowsPerSeries = parse.GetValue(windowsPerSeries),
                Device = parse.GetValue(device)!,
            });
            var options = sweep.Create(parse, "forecast", ForecastingObjective.DefaultSearchSpace(horizon, season), chosen.Name, chosen.Direction, maximumResource: epochCount);
            return SweepConsole.Run(options, objective, sweep.ChartPath(parse), sweep.Top(parse));
        });
        return command;
    }
}
