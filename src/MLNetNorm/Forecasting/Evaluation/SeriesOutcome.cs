namespace MLNetNorm.Forecasting.Evaluation;

/// <summary>One series' forecast next to what happened, the input of <see cref="ForecastEvaluator.Evaluate"/>.</summary>
/// <param name="SeriesId">The series' name, for error messages.</param>
/// <param name="History">The in-sample values the forecast was made from (for MASE's scale and Naive2).</param>
/// <param name="Actual">The observed values of the forecast period.</param>
/// <param name="Forecast">The point forecasts, as many as <paramref name="Actual"/>.</param>
/// <param name="Lower">The lower interval bounds, or null without intervals.</param>
/// <param name="Upper">The upper interval bounds, or null without intervals.</param>
public sealed record SeriesOutcome(string SeriesId, float[] History, float[] Actual, float[] Forecast, float[]? Lower = null, float[]? Upper = null);
