using System.CommandLine;
using MLNetNorm.Forecasting;
using MLNetNorm.Forecasting.Recurrent;
using MLNetNorm.Normalization;

namespace MLNetNorm.Cli.Forecasting;

/// <summary>Command-line names of the forecaster's enum options; the one place that maps them.</summary>
internal static class ForecastCliOptions
{
    /// <summary>Maps <c>layer|rms|none</c> to <see cref="NormKind"/>.</summary>
    public static NormKind ParseNorm(string value) => value.Trim().ToLowerInvariant() switch
    {
        "layer" or "layernorm" => NormKind.LayerNorm,
        "rms" or "rmsnorm" => NormKind.RmsNorm,
        "none" => NormKind.None,
        _ => throw new ArgumentException($"--norm '{value}' is not valid: use layer, rms or none."),
    };

    /// <summary>Maps <c>lstm|gru</c> to <see cref="RecurrentCell"/>.</summary>
    public static RecurrentCell ParseCell(string value) => value.Trim().ToLowerInvariant() switch
    {
        "lstm" => RecurrentCell.Lstm,
        "gru" => RecurrentCell.Gru,
        _ => throw new ArgumentException($"--cell '{value}' is not valid: use lstm or gru."),
    };

    /// <summary>Maps <c>ratio|log</c> to <see cref="ForecastScaling"/>.</summary>
    public static ForecastScaling ParseScaling(string value) => value.Trim().ToLowerInvariant() switch
    {
        "ratio" => ForecastScaling.Ratio,
        "log" => ForecastScaling.LogRatio,
        _ => throw new ArgumentException($"--scaling '{value}' is not valid: use ratio or log."),
    };

    /// <summary>Creates <c>--scaling</c>, the forecaster's <c>Scaling</c>.</summary>
    public static Option<string> Scaling() =>
        Choice("--scaling", "Window scaling: ratio (x/level − 1, any values) or log (log(x/level), positive series only).", "ratio", "ratio", "log");

    /// <summary>Creates <c>--seasonal-naive-blend</c>, the forecaster's <c>SeasonalNaiveBlend</c>.</summary>
    public static Option<bool> SeasonalNaiveBlend() =>
        new("--seasonal-naive-blend") { Description = "Blend each series' forecast with seasonal naive, weighted per series on its held-out horizon." };

    /// <summary>Creates a string option restricted to <paramref name="values"/>.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    /// <summary>Creates <c>--skip</c>, the forecaster's <c>SkipLength</c> (0 = one season).</summary>
    public static Option<int> Skip() =>
        new("--skip") { Description = "Most recent scaled values fed straight to the output layer; 0 = one season (at most --window).", DefaultValueFactory = _ => 0 };

    /// <summary>Creates <c>--recurrent</c>, the forecaster's <c>RecurrentLength</c> (0 = the whole window).</summary>
    public static Option<int> Recurrent() =>
        new("--recurrent") { Description = "Most recent steps the recurrent layers read; 0 = the whole window.", DefaultValueFactory = _ => 0 };
}
