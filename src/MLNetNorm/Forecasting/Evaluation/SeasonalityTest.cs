namespace MLNetNorm.Forecasting.Evaluation;

/// <summary>
/// The M4 competition's test for seasonality (used by its Naive2 and its Theta/SES benchmarks): a series is seasonal
/// with period m when its autocorrelation at lag m exceeds the 90% limit <c>1.645 · sqrt((1 + 2·s) / n)</c>.
/// </summary>
/// <remarks>
/// As in the organizers' R code that produced the official benchmark results (M4-methods, <c>SeasonalityTest</c> in
/// "Benchmarks and Evaluation.R"): <c>s = Σ_{k=1}^{m−1} r_k²</c>, and series shorter than three seasons are not
/// seasonal. (Their later Python port adds r₁ unsquared; the R definition is the one behind the published Naive2.)
/// The autocorrelation is R's <c>acf</c>: <c>r_k = Σ_{t≥k} (y_t − ȳ)(y_{t−k} − ȳ) / Σ (y_t − ȳ)²</c>.
/// </remarks>
public static class SeasonalityTest
{
    /// <summary>The autocorrelation of <paramref name="values"/> at <paramref name="lag"/>; 0 for a constant series.</summary>
    /// <param name="values">The series.</param>
    /// <param name="lag">The lag, from 1.</param>
    public static double Autocorrelation(ReadOnlySpan<float> values, int lag)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double numerator = 0, denominator = 0;
        for (var t = 0; t < values.Length; t++)
        {
            denominator += (values[t] - mean) * (values[t] - mean);
            if (t >= lag)
            {
                numerator += (values[t] - mean) * (values[t - lag] - mean);
            }
        }

        return denominator == 0 ? 0 : numerator / denominator;
    }

    /// <summary>Whether the series is seasonal with period <paramref name="season"/> by the M4 90% test.</summary>
    /// <param name="values">The series.</param>
    /// <param name="season">The seasonal period m; periods below 2 are never seasonal.</param>
    public static bool IsSeasonal(ReadOnlySpan<float> values, int season)
    {
        if (season < 2 || values.Length < 3 * season)
        {
            return false;
        }

        var s = 0.0;
        for (var k = 1; k < season; k++)
        {
            var r = Autocorrelation(values, k);
            s += r * r;
        }

        var limit = 1.645 * Math.Sqrt((1 + 2 * s) / values.Length);
        return Math.Abs(Autocorrelation(values, season)) > limit;
    }
}
