namespace MLNetNorm.Forecasting.Evaluation;

/// <summary>Evaluates forecasts of many series at once: sMAPE, MASE and OWA against Naive2 as in M4, MAE, RMSE and interval coverage.</summary>
public static class ForecastEvaluator
{
    /// <summary>Computes <see cref="ForecastMetrics"/> over <paramref name="outcomes"/>.</summary>
    /// <param name="outcomes">One entry per series.</param>
    /// <param name="season">The seasonal period m (for MASE and Naive2).</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">There are no series, a forecast's length differs from its actuals, or a value is not finite.</exception>
    public static ForecastMetrics Evaluate(IEnumerable<SeriesOutcome> outcomes, int season)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var list = outcomes.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("There are no series to evaluate.", nameof(outcomes));
        }

        double smape = 0, naive2Smape = 0, mase = 0, naive2Mase = 0, absolute = 0, squared = 0;
        int points = 0, maseCount = 0, covered = 0, intervalPoints = 0;
        foreach (var o in list)
        {
            Check(o);
            var naive2 = ForecastBaselines.Naive2(o.History, o.Actual.Length, season);
            smape += ForecastAccuracy.SymmetricMape(o.Actual, o.Forecast);
            naive2Smape += ForecastAccuracy.SymmetricMape(o.Actual, naive2);
            var scale = ForecastAccuracy.SeasonalNaiveScale(o.History, season);
            if (scale > 0)
            {
                mase += ForecastAccuracy.MeanAbsoluteError(o.Actual, o.Forecast) / scale;
                naive2Mase += ForecastAccuracy.MeanAbsoluteError(o.Actual, naive2) / scale;
                maseCount++;
            }

            absolute += ForecastAccuracy.MeanAbsoluteError(o.Actual, o.Forecast) * o.Actual.Length;
            squared += ForecastAccuracy.SumOfSquaredErrors(o.Actual, o.Forecast);
            points += o.Actual.Length;
            if (o.Lower is not null && o.Upper is not null)
            {
                covered += (int)Math.Round(ForecastAccuracy.Coverage(o.Actual, o.Lower, o.Upper) * o.Actual.Length);
                intervalPoints += o.Actual.Length;
            }
        }

        var n = list.Count;
        var meanMase = maseCount == 0 ? double.NaN : mase / maseCount;
        var meanNaive2Mase = maseCount == 0 ? double.NaN : naive2Mase / maseCount;
        var owa = 0.5 * (smape / naive2Smape + meanMase / meanNaive2Mase);
        return new ForecastMetrics(smape / n, meanMase, owa, absolute / points, Math.Sqrt(squared / points),
            intervalPoints == 0 ? null : (double)covered / intervalPoints, n, n - maseCount);
    }

    private static void Check(SeriesOutcome o)
    {
        if (o.Actual.Length == 0 || o.Forecast.Length != o.Actual.Length)
        {
            throw new ArgumentException($"Series '{o.SeriesId}': {o.Forecast.Length} forecasts for {o.Actual.Length} actual values.");
        }

        if ((o.Lower is null) != (o.Upper is null) || (o.Lower is not null && (o.Lower.Length != o.Actual.Length || o.Upper!.Length != o.Actual.Length)))
        {
            throw new ArgumentException($"Series '{o.SeriesId}': give both interval bounds, each as long as the actual values, or neither.");
        }

        foreach (var (name, values) in new[] { ("history", o.History), ("actual", o.Actual), ("forecast", o.Forecast) })
        {
            var bad = Array.FindIndex(values, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                throw new ArgumentException($"Series '{o.SeriesId}': {name} value {bad} is {values[bad]}; every value must be finite.");
            }
        }
    }
}
