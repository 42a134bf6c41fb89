namespace MLNetNorm.Forecasting;

/// <summary>
/// Split-conformal prediction intervals per horizon step. After training, the model (the network, blended with seasonal
/// naive where <see cref="SeasonalNaiveBlend"/> chose a weight) forecasts from every origin in
/// each series' held-out last horizon; for step h, each origin whose step-h target lies in that held-out part gives one
/// absolute residual in units of the window's level. The interval half-width of step h is the
/// <c>⌈(k + 1)·level⌉</c>-th smallest of its k residuals (the largest when there are too few).
/// </summary>
/// <remarks>
/// Coverage is measured, not assumed: the residuals are split into two folds (by series, or by origin when there is
/// one series); half-widths computed on one fold are checked on the other, and the fraction of residuals inside is
/// reported as <see cref="Result.MeasuredCoverage"/>. Under the seasonal-naive blend, each series' weight was chosen on
/// these same held-out values, so the residuals, widths and measured coverage lean optimistic.
/// </remarks>
internal static class IntervalCalibration
{
    public static Result Calibrate(ForecastingModel model, IReadOnlyList<SeriesData> series)
    {
        var (horizon, level) = (model.Settings.Horizon, model.Settings.ConfidenceLevel);
        var origins = new List<(int Series, int Origin)>();
        for (var s = 0; s < series.Count; s++)
        {
            var n = series[s].Values.Length;
            for (var o = n - horizon; o < n; o++)
            {
                origins.Add((s, o));
            }
        }

        var scaled = model.PredictScaled(origins.Select(o => new ForecastWindow(series[o.Series].Values, o.Origin, 0)).ToList(), origins.Select(o => series[o.Series].Id).ToList(), out var levels);
        var residuals = Enumerable.Range(0, horizon).Select(_ => new List<(double Residual, int Fold)>()).ToArray();
        for (var i = 0; i < origins.Count; i++)
        {
            var (s, o) = origins[i];
            var values = series[s].Values;
            var fold = series.Count > 1 ? s % 2 : o % 2;
            for (var k = 0; o + k < values.Length; k++)
            {
                residuals[k].Add((Math.Abs(ForecastWindows.Scale(values[o + k], levels[i], model.Settings.Scaling) - scaled[i * horizon + k]), fold));
            }
        }

        var halfWidths = residuals.Select(r => (float)Quantile(r.Select(x => x.Residual).ToList(), level)).ToArray();
        int inside = 0, checkedCount = 0;
        foreach (var step in residuals)
        {
            for (var fold = 0; fold < 2; fold++)
            {
                var calibration = step.Where(r => r.Fold != fold).Select(r => r.Residual).ToList();
                var test = step.Where(r => r.Fold == fold).Select(r => r.Residual).ToList();
                if (calibration.Count == 0 || test.Count == 0)
                {
                    continue;
                }

                var q = Quantile(calibration, level);
                inside += test.Count(r => r <= q);
                checkedCount += test.Count;
            }
        }

        return new Result(halfWidths, checkedCount == 0 ? double.NaN : (double)inside / checkedCount, residuals.Sum(r => r.Count));
    }

    /// <summary>The split-conformal quantile: the ⌈(k + 1)·level⌉-th smallest of k values, capped at the largest.</summary>
    public static double Quantile(List<double> values, double level)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        var rank = (int)Math.Ceiling((values.Count + 1) * level);
        return values[Math.Clamp(rank, 1, values.Count) - 1];
    }

    /// <summary>The calibration's outcome.</summary>
    /// <param name="HalfWidths">Per step, in units of the window's level.</param>
    /// <param name="MeasuredCoverage">The cross-fitted coverage on held-out residuals (NaN when there were too few).</param>
    /// <param name="ResidualCount">The residuals used.</param>
    public sealed record Result(float[] HalfWidths, double MeasuredCoverage, int ResidualCount);
}
