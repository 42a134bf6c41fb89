using System.CommandLine;
using Microsoft.ML;
using MLNetNorm.Forecasting;
using Spectre.Console;

namespace MLNetNorm.Cli.Forecasting;

/// <summary>The data options of <c>forecast</c> and <c>sweep forecast</c>: the CSV, its columns, the horizon and the seasonal period.</summary>
internal sealed class ForecastDataOptions
{
    private readonly Option<FileInfo> _train = new("--train") { Description = "CSV with a header: long format (series_id,t,value) or one series (e.g. month,passengers).", Required = true };
    private readonly Option<int> _horizon = new("--horizon") { Description = "Steps to forecast.", Required = true };
    private readonly Option<int> _season = new("--season") { Description = "Seasonal period m (24 for hourly, 12 for monthly).", DefaultValueFactory = _ => 1 };
    private readonly Option<string?> _seriesCol = new("--series-col") { Description = "Series column; default series_id if the file has it, else the file is one series." };
    private readonly Option<string?> _timeCol = new("--time-col") { Description = "Time column; default t if present. Non-numeric times (dates) mean: row order is time." };
    private readonly Option<string?> _valueCol = new("--value-col") { Description = "Value column; default value." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _train, _horizon, _season, _seriesCol, _timeCol, _valueCol })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Gets the horizon.</summary>
    public int Horizon(ParseResult parse) => parse.GetValue(_horizon);

    /// <summary>Gets the seasonal period.</summary>
    public int Season(ParseResult parse) => parse.GetValue(_season);

    /// <summary>Loads the CSV, noting on the console when the row order stands in for a non-numeric time column.</summary>
    public SeriesTextFile Load(MLContext mlContext, ParseResult parse)
    {
        var file = SeriesTextFile.Load(mlContext, parse.GetValue(_train)!.FullName, parse.GetValue(_seriesCol), parse.GetValue(_timeCol), parse.GetValue(_valueCol));
        if (file.TimeIsRowOrder)
        {
            AnsiConsole.MarkupLine($"[grey]time column '{Markup.Escape(parse.GetValue(_timeCol) ?? "t")}' is not numeric: using the row order as time[/]");
        }

        return file;
    }
}
