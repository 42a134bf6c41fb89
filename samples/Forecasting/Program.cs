// Forecasting sample: `dotnet run --project samples/Forecasting -- <data.csv> [--horizon H] [--season m] [--epochs N] [--plot file.png]`
// Holds out the last horizon of every series, trains the LN-LSTM forecaster on the rest, prints sMAPE / MASE / OWA next
// to the M4 baselines, and plots the first series: history, held-out actual values, forecast and prediction interval.
// Works with long-format files (series_id,t,value, e.g. m4-hourly-train.csv) and single-series files (month,passengers).
using System.Globalization;
using Microsoft.ML;
using MLNetNorm.Forecasting;
using MLNetNorm.Forecasting.Evaluation;
using ScottPlot;

if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: dotnet run --project samples/Forecasting -- <data.csv> [--horizon H] [--season m] [--epochs N] [--plot file.png]");
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
var epochs = int.Parse(Arg("--epochs") ?? (longFormat ? "4" : "80"), CultureInfo.InvariantCulture);
var plotPath = Arg("--plot") ?? "forecast.png";

var holdout = SeriesHoldout.Create(file.ReadSeries(), horizon);
Console.WriteLine($"{holdout.Series.Count} series from {Path.GetFileName(path)}; the last {horizon} points of each are held out (m = {season}).");

var options = new LayerNormRnnForecasterOptions
{
    SeriesColumnName = "SeriesId", TimeColumnName = "Time", ValueColumnName = "Value",
    Horizon = horizon, SeasonalPeriod = season,
    WindowSize = longFormat ? 4 * season : 3 * season,
    HiddenSize = 64, Epochs = epochs, BatchSize = longFormat ? 256 : 32, WindowsPerSeries = longFormat ? 32 : 64,
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

var rows = new List<(string Name, ForecastMetrics Metrics)> { ("LN-LSTM", holdout.Evaluate(forecasts, season)) };
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
var shown = Math.Min(history.Length, Math.Max(3 * horizon, 4 * season));
var historyX = Enumerable.Range(history.Length - shown, shown).Select(t => (double)t).ToArray();
var futureX = Enumerable.Range(history.Length, horizon).Select(t => (double)t).ToArray();

var plot = new Plot();
var band = plot.Add.FillY(futureX, forecast.LowerBound.Select(v => (double)v).ToArray(), forecast.UpperBound.Select(v => (double)v).ToArray());
band.FillStyle.Color = Colors.SteelBlue.WithAlpha(0.25);
band.LineStyle.Width = 0;
band.LegendText = $"{model.ConfidenceLevel:P0} interval";
var past = plot.Add.Scatter(historyX, history[^shown..].Select(v => (double)v).ToArray());
(past.LegendText, past.MarkerSize, past.Color) = ("history", 0, Colors.Black);
var truth = plot.Add.Scatter(futureX, actual.Select(v => (double)v).ToArray());
(truth.LegendText, truth.MarkerSize, truth.Color, truth.LinePattern) = ("held-out actual", 0, Colors.Black, LinePattern.Dashed);
var predicted = plot.Add.Scatter(futureX, forecast.Forecast.Select(v => (double)v).ToArray());
(predicted.LegendText, predicted.MarkerSize, predicted.Color, predicted.LineWidth) = ("LN-LSTM forecast", 0, Colors.SteelBlue, 2);
plot.Title($"{Path.GetFileNameWithoutExtension(path)}: {(holdout.Series.Count > 1 ? $"series {id}, " : string.Empty)}{horizon}-step forecast");
plot.XLabel("time step");
plot.YLabel("value");
plot.ShowLegend(Alignment.UpperLeft);
plot.SavePng(plotPath, 1100, 550);
Console.WriteLine($"\nPlot written to {Path.GetFullPath(plotPath)}");
return 0;

/// <summary>Prints each completed epoch on the training thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
internal sealed class EpochPrinter(Action<MLNetNorm.Training.TrainingProgress> print) : IProgress<MLNetNorm.Training.TrainingProgress>
{
    public void Report(MLNetNorm.Training.TrainingProgress value) => print(value);
}
