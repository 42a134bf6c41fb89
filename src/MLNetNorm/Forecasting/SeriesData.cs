namespace MLNetNorm.Forecasting;

/// <summary>One series' observations in time order.</summary>
/// <param name="Id">The series' name.</param>
/// <param name="Values">The observed values, oldest first.</param>
/// <param name="Times">The time value of each observation (row numbers when the data have no time column).</param>
internal sealed record SeriesData(string Id, float[] Values, double[] Times);
