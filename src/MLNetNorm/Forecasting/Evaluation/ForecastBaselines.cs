namespace MLNetNorm.Forecasting.Evaluation;

/// <summary>The benchmark forecasts of the M4 competition: Naive, seasonal naive and Naive2.</summary>
public static class ForecastBaselines
{
    /// <summary>Naive (Naive1): the last observed value for every step.</summary>
    /// <param name="history">The observed values.</param>
    /// <param name="horizon">The number of steps to forecast.</param>
    public static float[] Naive(ReadOnlySpan<float> history, int horizon)
    {
        CheckHistory(history, horizon, 1);
        return Enumerable.Repeat(history[^1], horizon).ToArray();
    }

    /// <summary>Seasonal naive: step k repeats the value one season earlier, <c>ŷ_{n+k} = y_{n+k−m·⌈k/m⌉}</c>.</summary>
    /// <param name="history">The observed values; at least one season.</param>
    /// <param name="horizon">The number of steps to forecast.</param>
    /// <param name="season">The seasonal period m.</param>
    public static float[] SeasonalNaive(ReadOnlySpan<float> history, int horizon, int season)
    {
        CheckHistory(history, horizon, season);
        var forecast = new float[horizon];
        for (var k = 0; k < horizon; k++)
        {
            forecast[k] = history[history.Length - season + k % season];
        }

        return forecast;
    }

    /// <summary>
    /// M4's Naive2: when <see cref="SeasonalityTest.IsSeasonal"/> says the series is seasonal (and it has at least three
    /// seasons, as in M4's reference code), divide by the <see cref="ClassicalDecomposition"/> indices, repeat the last
    /// adjusted value, and multiply back by the indices of the forecast times; otherwise the naive forecast.
    /// </summary>
    /// <param name="history">The observed values.</param>
    /// <param name="horizon">The number of steps to forecast.</param>
    /// <param name="season">The seasonal period m (1 for non-seasonal data).</param>
    public static float[] Naive2(ReadOnlySpan<float> history, int horizon, int season)
    {
        CheckHistory(history, horizon, 1);
        if (!SeasonalityTest.IsSeasonal(history, season))
        {
            return Naive(history, horizon);
        }

        var indices = ClassicalDecomposition.MultiplicativeIndices(history, season);
        var n = history.Length;
        var level = history[n - 1] / indices[(n - 1) % season];
        var forecast = new float[horizon];
        for (var k = 0; k < horizon; k++)
        {
            forecast[k] = (float)(level * indices[(n + k) % season]);
        }

        return forecast;
    }

    private static void CheckHistory(ReadOnlySpan<float> history, int horizon, int needed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (history.Length < needed)
        {
            throw new ArgumentException($"The baseline needs at least {needed} observed values; got {history.Length}.", nameof(history));
        }
    }
}
