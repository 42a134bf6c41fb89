namespace MLNetNorm.Forecasting;

/// <summary>One series' forecast: point forecasts for steps 1..horizon and an interval around each.</summary>
/// <param name="SeriesId">The series.</param>
/// <param name="Forecast">The point forecasts.</param>
/// <param name="LowerBound">The lower interval bounds at the model's confidence level.</param>
/// <param name="UpperBound">The upper interval bounds.</param>
public sealed record SeriesForecast(string SeriesId, float[] Forecast, float[] LowerBound, float[] UpperBound);
