namespace MLNetNorm.Forecasting;

/// <summary>
/// Turns windows of a series into network inputs. Per-window scaling: every window is divided by its level, the mean
/// absolute value of its input part, so that series of very different magnitudes share one model; values are then
/// centred at 0 (<c>x / level − 1</c>, or <c>log(x / level)</c>; see <see cref="ForecastScaling"/>). A window whose inputs
/// are all 0 gets level 1. Each time step carries three features: the scaled value and the sine and cosine of its
/// position in the seasonal cycle.
/// </summary>
public static class ForecastWindows
{
    /// <summary>Features per time step.</summary>
    public const int FeaturesPerStep = 3;

    /// <summary>The scaling level of an input window: its mean absolute value, or 1 when that is 0.</summary>
    /// <param name="input">The window's observations.</param>
    public static float Level(ReadOnlySpan<float> input)
    {
        var sum = 0.0;
        foreach (var v in input)
        {
            sum += Math.Abs(v);
        }

        var level = sum / input.Length;
        return level > 0 && double.IsFinite(level) ? (float)level : 1f;
    }

    /// <summary>Writes one window's features (<c>input.Length × 3</c> values) into <paramref name="destination"/>.</summary>
    /// <param name="input">The window's observations, oldest first.</param>
    /// <param name="level">The window's level.</param>
    /// <param name="scaling">How values are scaled.</param>
    /// <param name="firstPosition">The series position (from 0) of <c>input[0]</c>, for the cycle features.</param>
    /// <param name="season">The seasonal period.</param>
    /// <param name="destination">Where the features go.</param>
    public static void WriteFeatures(ReadOnlySpan<float> input, float level, ForecastScaling scaling, long firstPosition, int season, Span<float> destination)
    {
        for (var j = 0; j < input.Length; j++)
        {
            var angle = 2 * Math.PI * ((firstPosition + j) % season) / season;
            destination[j * FeaturesPerStep] = Scale(input[j], level, scaling);
            destination[j * FeaturesPerStep + 1] = (float)Math.Sin(angle);
            destination[j * FeaturesPerStep + 2] = (float)Math.Cos(angle);
        }
    }

    /// <summary>Writes the scaled targets (<see cref="Scale"/> of each).</summary>
    /// <param name="targets">The observations to forecast.</param>
    /// <param name="level">The window's level.</param>
    /// <param name="scaling">How values are scaled.</param>
    /// <param name="destination">Where the scaled targets go.</param>
    public static void WriteTargets(ReadOnlySpan<float> targets, float level, ForecastScaling scaling, Span<float> destination)
    {
        for (var k = 0; k < targets.Length; k++)
        {
            destination[k] = Scale(targets[k], level, scaling);
        }
    }

    /// <summary>Puts an observation on the scaled axis: <c>x / level − 1</c> or <c>log(x / level)</c>.</summary>
    /// <param name="value">The observation.</param>
    /// <param name="level">The window's level.</param>
    /// <param name="scaling">How values are scaled.</param>
    public static float Scale(float value, float level, ForecastScaling scaling) =>
        scaling == ForecastScaling.LogRatio ? MathF.Log(value / level) : value / level - 1;

    /// <summary>Turns a scaled network output back into the series' units (the inverse of <see cref="Scale"/>).</summary>
    /// <param name="scaled">A value on the scaled axis.</param>
    /// <param name="level">The window's level.</param>
    /// <param name="scaling">How values are scaled.</param>
    public static float Unscale(float scaled, float level, ForecastScaling scaling) =>
        scaling == ForecastScaling.LogRatio ? MathF.Exp(scaled) * level : (scaled + 1) * level;

    /// <summary>Returns the index of the first value <paramref name="scaling"/> cannot take (one ≤ 0 under <see cref="ForecastScaling.LogRatio"/>), or −1.</summary>
    /// <param name="values">The observations.</param>
    /// <param name="scaling">How values are scaled.</param>
    public static int FirstUnscalable(ReadOnlySpan<float> values, ForecastScaling scaling)
    {
        if (scaling == ForecastScaling.LogRatio)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!(values[i] > 0))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>Describes the first of a series' values that <paramref name="scaling"/> cannot take, naming the series and where; null when all are fine.</summary>
    /// <param name="seriesId">The series.</param>
    /// <param name="values">Its observations.</param>
    /// <param name="scaling">How values are scaled.</param>
    /// <param name="where">Describes the position of the offending value (its time, or its index among new observations).</param>
    internal static string? DescribeUnscalable(string seriesId, ReadOnlySpan<float> values, ForecastScaling scaling, Func<int, string> where) =>
        FirstUnscalable(values, scaling) is var i and >= 0
            ? $"Series '{seriesId}', {where(i)}: the value {values[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} is not positive, but Scaling = LogRatio " +
              "takes the logarithm of every value. Use Scaling = Ratio for series with zeros or negative values."
            : null;
}
