namespace MLNetNorm.Forecasting;

/// <summary>What a forecast of one series starts from: its last observations and how many it has seen (the cycle position).</summary>
/// <param name="Id">The series' name.</param>
/// <param name="Tail">The last observations, at most the model's window, oldest first.</param>
/// <param name="Count">The number of observations of the series so far; the next one has position <c>Count</c> (from 0).</param>
internal sealed record SeriesState(string Id, float[] Tail, long Count);
