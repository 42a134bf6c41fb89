namespace MLNetNorm.Forecasting.Evaluation;

/// <summary>Point-forecast accuracy measures of one series, with the M4 competition's definitions.</summary>
public static class ForecastAccuracy
{
    /// <summary>
    /// Symmetric MAPE in percent, as in M4: <c>(200 / h) · Σ |y − ŷ| / (|y| + |ŷ|)</c>. A step where both the actual and the
    /// forecast are 0 counts as a perfect forecast (0), instead of 0/0.
    /// </summary>
    /// <param name="actual">The observed values.</param>
    /// <param name="forecast">The forecasts, as many as <paramref name="actual"/>.</param>
    /// <returns>sMAPE in percent, between 0 and 200.</returns>
    public static double SymmetricMape(ReadOnlySpan<float> actual, ReadOnlySpan<float> forecast)
    {
        CheckLengths(actual, forecast);
        var sum = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var denominator = Math.Abs((double)actual[i]) + Math.Abs((double)forecast[i]);
            sum += denominator == 0 ? 0 : Math.Abs((double)actual[i] - forecast[i]) / denominator;
        }

        return 200 * sum / actual.Length;
    }

    /// <summary>Mean absolute error.</summary>
    /// <param name="actual">The observed values.</param>
    /// <param name="forecast">The forecasts.</param>
    public static double MeanAbsoluteError(ReadOnlySpan<float> actual, ReadOnlySpan<float> forecast)
    {
        CheckLengths(actual, forecast);
        var sum = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            sum += Math.Abs((double)actual[i] - forecast[i]);
        }

        return sum / actual.Length;
    }

    /// <summary>Sum of squared errors (for an RMSE pooled over several series).</summary>
    /// <param name="actual">The observed values.</param>
    /// <param name="forecast">The forecasts.</param>
    public static double SumOfSquaredErrors(ReadOnlySpan<float> actual, ReadOnlySpan<float> forecast)
    {
        CheckLengths(actual, forecast);
        var sum = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = (double)actual[i] - forecast[i];
            sum += error * error;
        }

        return sum;
    }

    /// <summary>
    /// The MASE denominator of M4: the in-sample mean absolute error of the seasonal naive forecast,
    /// <c>(1 / (n − m)) · Σ_{t>m} |y_t − y_{t−m}|</c>.
    /// </summary>
    /// <param name="history">The in-sample (training) values.</param>
    /// <param name="season">The seasonal period m (1 for non-seasonal data).</param>
    /// <returns>The scale; 0 for a series that repeats itself exactly every <paramref name="season"/> steps.</returns>
    /// <exception cref="ArgumentException">The history has no more than <paramref name="season"/> values.</exception>
    public static double SeasonalNaiveScale(ReadOnlySpan<float> history, int season)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(season, 1);
        if (history.Length <= season)
        {
            throw new ArgumentException($"MASE needs more than {season} in-sample values (the seasonal period); got {history.Length}.", nameof(history));
        }

        var sum = 0.0;
        for (var t = season; t < history.Length; t++)
        {
            sum += Math.Abs((double)history[t] - history[t - season]);
        }

        return sum / (history.Length - season);
    }

    /// <summary>Mean absolute scaled error: <see cref="MeanAbsoluteError"/> divided by <see cref="SeasonalNaiveScale"/>.</summary>
    /// <param name="history">The in-sample values.</param>
    /// <param name="actual">The observed values of the forecast period.</param>
    /// <param name="forecast">The forecasts.</param>
    /// <param name="season">The seasonal period m.</param>
    /// <returns>MASE, or <see cref="double.NaN"/> when the scale is 0 (a series that repeats exactly; undefined).</returns>
    public static double Mase(ReadOnlySpan<float> history, ReadOnlySpan<float> actual, ReadOnlySpan<float> forecast, int season)
    {
        var scale = SeasonalNaiveScale(history, season);
        return scale == 0 ? double.NaN : MeanAbsoluteError(actual, forecast) / scale;
    }

    /// <summary>The fraction of actual values inside <c>[lower, upper]</c>.</summary>
    /// <param name="actual">The observed values.</param>
    /// <param name="lower">The lower bounds.</param>
    /// <param name="upper">The upper bounds.</param>
    public static double Coverage(ReadOnlySpan<float> actual, ReadOnlySpan<float> lower, ReadOnlySpan<float> upper)
    {
        CheckLengths(actual, lower);
        CheckLengths(actual, upper);
        var inside = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            inside += actual[i] >= lower[i] && actual[i] <= upper[i] ? 1 : 0;
        }

        return (double)inside / actual.Length;
    }

    private static void CheckLengths(ReadOnlySpan<float> actual, ReadOnlySpan<float> other)
    {
        if (actual.Length == 0 || actual.Length != other.Length)
        {
            throw new ArgumentException($"Actual and forecast values must be non-empty and of equal length; got {actual.Length} and {other.Length}.");
        }
    }
}
