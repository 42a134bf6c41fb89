namespace MLNetNorm.Forecasting.Evaluation;

/// <summary>
/// Seasonal indices of classical multiplicative decomposition (as statsmodels' <c>seasonal_decompose(model="multiplicative")</c>,
/// which the M4 reference code uses): a centred moving average of order m (2×m for even m) estimates the trend; each
/// season position's index is the mean of <c>y / trend</c> over the positions where the trend exists; the indices are
/// then divided by their mean so they average 1.
/// </summary>
public static class ClassicalDecomposition
{
    /// <summary>Returns the m seasonal indices; index <c>k</c> applies to every time <c>t</c> with <c>t mod m = k</c> (t from 0).</summary>
    /// <param name="values">The series; needs at least two full seasons.</param>
    /// <param name="season">The seasonal period m ≥ 2.</param>
    /// <exception cref="ArgumentException">The series is shorter than two seasons or a trend value is 0.</exception>
    public static double[] MultiplicativeIndices(ReadOnlySpan<float> values, int season)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(season, 2);
        if (values.Length < 2 * season)
        {
            throw new ArgumentException($"Classical decomposition needs at least two seasons ({2 * season} values); got {values.Length}.", nameof(values));
        }

        // Centred moving average: weights 1/m (odd m) or [½, 1, …, 1, ½]/m over m + 1 points (even m).
        var half = season / 2;
        var sums = new double[season];
        var counts = new int[season];
        for (var t = half; t < values.Length - half; t++)
        {
            double trend = 0;
            for (var j = -half; j <= half; j++)
            {
                var weight = season % 2 == 0 && Math.Abs(j) == half ? 0.5 : 1.0;
                trend += weight * values[t + j];
            }

            trend /= season;
            if (trend == 0)
            {
                throw new ArgumentException($"The moving-average trend is 0 at t = {t}; multiplicative decomposition needs a non-zero level.", nameof(values));
            }

            sums[t % season] += values[t] / trend;
            counts[t % season]++;
        }

        var indices = new double[season];
        for (var k = 0; k < season; k++)
        {
            indices[k] = sums[k] / counts[k];
        }

        var mean = indices.Average();
        for (var k = 0; k < season; k++)
        {
            indices[k] /= mean;
        }

        return indices;
    }
}
