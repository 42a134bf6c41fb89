namespace MLNetNorm.Forecasting.Evaluation;

/// <summary>Accuracy of forecasts over a set of series, with M4's definitions and aggregation.</summary>
/// <param name="SymmetricMape">sMAPE in percent, averaged over series.</param>
/// <param name="Mase">MASE averaged over the series whose scale is non-zero.</param>
/// <param name="Owa">Overall weighted average against Naive2: <c>½ (sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2)</c>.</param>
/// <param name="MeanAbsoluteError">MAE pooled over all series and steps (in the data's units, so large series dominate).</param>
/// <param name="RootMeanSquaredError">RMSE pooled over all series and steps.</param>
/// <param name="IntervalCoverage">The fraction of actual values inside the intervals, or null when no intervals were given.</param>
/// <param name="SeriesCount">The number of series evaluated.</param>
/// <param name="SeriesExcludedFromMase">Series left out of MASE (and of Naive2's MASE) because their in-sample seasonal naive error is 0.</param>
public sealed record ForecastMetrics(
    double SymmetricMape,
    double Mase,
    double Owa,
    double MeanAbsoluteError,
    double RootMeanSquaredError,
    double? IntervalCoverage,
    int SeriesCount,
    int SeriesExcludedFromMase);
