// Forecasting sample: `dotnet run --project samples/Forecasting -- <data.csv> [--horizon H] [--season m] [--epochs N] [--plot file.png] [--smoke]`
// Holds out the last horizon of every series, trains the LN-LSTM forecaster on the rest, prints sMAPE / MASE / OWA next
// to the M4 baselines, and plots the first series: history, held-out actual values, forecast and prediction interval.
// Works with long-format files (series_id,t,value, e.g. m4-hourly-train.csv) and single-series files (month,passengers).
// --smoke: 2 epochs of a small network, to check the whole path in seconds (the numbers mean nothing then).
using System.Globalization;
using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Forecasting.Evaluation;
using MLNetNorm.Plotting;
using MLNetNorm.Runtime;

// Before anything loads libtorch: allocator and OpenMP settings that make CPU training fast on Linux (see CpuTuning).
CpuTuning.Apply();

if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: dotnet run --project samples/Forecasting -- <data.csv> [--horizon H] [--season m] [--epochs N] [--plot file.png] [--smoke]");
    return 2;
}

var path = args[0];
string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

// Column choice: long format when the header has series_id; otherwise one series whose first column is the time and
// last column the value. Dates such as 1949-01 are not numeric, so the row order is the time.
var header = File.ReadLines(path).First().Split(',');
var longFormat = header.Contains("series_id");
var mlContext = new MLContext(seed: 1);
var file = longFormat
    ? SeriesTextFile.Load(mlContext, path)
    : SeriesTextFile.Load(mlContext, path, timeColumn: header[0], valueColumn: header[^1]);
var horizon = int.Parse(Arg("--horizon") ?? (longFormat ? "48" : "12"), CultureInfo.InvariantCulture);
var season = int.Parse(Arg("--season") ?? (longFormat ? "24" : "12"), CultureInfo.InvariantCulture);
var smoke = args.Contains("--smoke");
var epochs = int.Parse(Arg("--epochs") ?? (smoke ? "2" : longFormat ? "4" : "80"), CultureInfo.InvariantCulture);
var plotPath = Arg("--plot") ?? "forecast.png";

var holdout = SeriesHoldout.Create(file.ReadSeries(), horizon);
// Log-ratio scaling (ES-RNN's log(x / level)) when every value is positive: multiplicative seasonality becomes additive.
var scaling = holdout.Series.All(s => s.History.All(v => v > 0)) ? ForecastScaling.LogRatio : ForecastScaling.Ratio;
Console.WriteLine($"{holdout.Series.Count} series from {Path.GetFileName(path)}; the last {horizon} points of each are held out (m = {season}); {scaling} scaling.");

var options = new LayerNormRnnForecasterOptions
{
    SeriesColumnName = "SeriesId", TimeColumnName = "Time", ValueColumnName = "Value",
    Horizon = horizon, SeasonalPeriod = season,
    // Long-format data (many long series, such as M4 Hourly): a window of 14 seasons (two weeks of hours) whose values all
    // feed the output layer, while the recurrent layers read only its last season, which keeps training fast.
    WindowSize = longFormat ? 14 * season : 3 * season,
    SkipLength = longFormat ? 14 * season : 0, RecurrentLength = longFormat ? season : 0, Scaling = scaling,
    // Many series: each one's held-out horizon chooses how much of its forecast comes from seasonal naive (nearly
    // periodic series gain most). With one series that choice would rest on a single horizon, so it stays off.
    SeasonalNaiveBlend = longFormat && holdout.Series.Count > 1,
    HiddenSize = smoke ? 16 : 64, Epochs = epochs, BatchSize = longFormat ? 256 : 32, WindowsPerSeries = smoke ? 8 : longFormat ? 32 : 64,
    LearningRate = 3e-3, Seed = 1, Device = "cpu", RecordGradientStatistics = false,
    Progress = new EpochPrinter(p =>
    {
        if (p.EpochCompleted)
        {
            Console.WriteLine($"  epoch {p.Epoch}/{p.Epochs}: training loss {p.TrainingLoss:F4}, validation loss {p.ValidationLoss:F4}");
        }
    }),
};
var model = mlContext.Forecasting.ForecastWithLayerNormRnn(options).Fit(holdout.TrainingData(mlContext));
var forecasts = model.ForecastTrainedSeries();
Console.WriteLine($"Intervals at {model.ConfidenceLevel:P0}; coverage measured on held-out calibration residuals: {model.MeasuredCoverage:P1}.");

var rows = new List<(string Name, ForecastMetrics Metrics)>();
if (options.SeasonalNaiveBlend)
{
    Console.WriteLine($"Seasonal-naive blend: {model.SeasonalNaiveWeights.Count} of {holdout.Series.Count} series take a weight above 0.");
    rows.Add(("LN-LSTM alone", holdout.Evaluate(model.WithoutSeasonalNaiveBlend().ForecastTrainedSeries(), season)));
}

rows.Add((options.SeasonalNaiveBlend ? "LN-LSTM + blend" : "LN-LSTM", holdout.Evaluate(forecasts, season)));
rows.AddRange(holdout.EvaluateBaselines(season));
Console.WriteLine();
Console.WriteLine($"{"Method",-16}{"sMAPE",10}{"MASE",10}{"OWA",10}{"Coverage",10}");
foreach (var (name, m) in rows)
{
    var coverage = m.IntervalCoverage is { } c ? c.ToString("P1", CultureInfo.InvariantCulture) : "-";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-16}{m.SymmetricMape,10:F3}{m.Mase,10:F3}{m.Owa,10:F3}{coverage,10}"));
}

// Plot the first series: the last few seasons of history, the held-out truth, the forecast and its interval.
var (id, history, actual) = holdout.Series[0];
var forecast = forecasts.Single(f => f.SeriesId == id);
var panel = ForecastPanel.FromTail(
    $"{Path.GetFileNameWithoutExtension(path)}: {(holdout.Series.Count > 1 ? $"series {id}, " : string.Empty)}{horizon}-step LN-LSTM{(options.SeasonalNaiveBlend ? " + blend" : string.Empty)} forecast",
    history, forecast.Forecast, forecast.LowerBound, forecast.UpperBound, actual, shown: Math.Max(3 * horizon, 4 * season));
plotPath = ForecastChart.Save(plotPath, [panel], $"{model.ConfidenceLevel:P0} interval", width: 800, panelHeight: 450);
Console.WriteLine($"\nPlot written to {plotPath}");
return 0;

/// <summary>Prints each completed epoch on the training thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
internal sealed class EpochPrinter(Action<MLNetNorm.Training.TrainingProgress> print) : IProgress<MLNetNorm.Training.TrainingProgress>
{
    public void Report(MLNetNorm.Training.TrainingProgress value) => print(value);
}
