using MLNetNorm.Forecasting;
using MLNetNorm.Plotting;
using Spectre.Console;

namespace MLNetNorm.Cli.Forecasting;

/// <summary>
/// The <c>--plot</c> of <c>forecast</c>: the first few series in ordinal id order, each as a panel with its last few seasons
/// of history, the forecast and its interval (and the held-out values under <c>--validate</c>).
/// </summary>
/// <param name="Path">The PNG file to write.</param>
/// <param name="SeriesCount">How many series to draw.</param>
/// <param name="Options">The forecaster's options (horizon and seasonal period decide how much history is shown).</param>
internal sealed record ForecastPlot(string Path, int SeriesCount, LayerNormRnnForecasterOptions Options)
{
    /// <summary>Draws the chart and prints where it went.</summary>
    /// <param name="series">The history of every series, in ordinal id order.</param>
    /// <param name="forecasts">The forecasts of every series.</param>
    /// <param name="confidenceLevel">The interval's confidence level, for the legend.</param>
    /// <param name="actual">The held-out values by series id, or null when forecasting beyond the data.</param>
    public void Save(IReadOnlyList<(string Id, float[] Values)> series, IReadOnlyList<SeriesForecast> forecasts, double confidenceLevel,
        IReadOnlyDictionary<string, float[]>? actual)
    {
        var byId = forecasts.ToDictionary(f => f.SeriesId);
        var shown = Math.Max(3 * Options.Horizon, 4 * Options.SeasonalPeriod);
        var panels = series.Take(SeriesCount).Select(s =>
        {
            var forecast = byId[s.Id];
            return ForecastPanel.FromTail($"series {s.Id}: {Options.Horizon}-step {Options.Cell} ({Options.NormKind}) forecast", s.Values,
                forecast.Forecast, forecast.LowerBound, forecast.UpperBound, actual?[s.Id], shown);
        }).ToList();
        var written = ForecastChart.Save(Path, panels, $"{confidenceLevel:P0} interval");
        AnsiConsole.MarkupLine($"plotted {panels.Count} series to [bold]{Markup.Escape(written)}[/]");
    }
}
