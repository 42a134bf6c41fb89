using MLNetNorm.Forecasting;

namespace MLNetNorm.Tests.Reference;

/// <summary>The forecaster's per-window scaling in double precision, written from its definition (<see cref="ForecastScaling"/>).</summary>
internal static class ReferenceScaling
{
    /// <summary>The level of the window of the last <paramref name="window"/> values: their mean absolute value.</summary>
    public static double Level(float[] history, int window) => history[^window..].Average(v => Math.Abs((double)v));

    /// <summary><c>x / level − 1</c> (Ratio) or <c>log(x / level)</c> (LogRatio).</summary>
    public static double Scale(double value, double level, ForecastScaling scaling) =>
        scaling == ForecastScaling.LogRatio ? Math.Log(value / level) : value / level - 1;

    /// <summary>The inverse of <see cref="Scale"/>.</summary>
    public static double Unscale(double scaled, double level, ForecastScaling scaling) =>
        scaling == ForecastScaling.LogRatio ? Math.Exp(scaled) * level : (scaled + 1) * level;
}
