namespace MLNetNorm.Forecasting;

/// <summary>
/// How the forecaster puts every window on a common scale, so that series of very different magnitudes share one
/// network. Both divide by the window's level (its mean absolute value); they differ in what follows.
/// </summary>
public enum ForecastScaling
{
    /// <summary>
    /// <c>x / level − 1</c>. Works for any finite values, zeros and negatives included; the loss (MAE on this axis) weighs
    /// errors relative to the window's level.
    /// </summary>
    Ratio,

    /// <summary>
    /// <c>log(x / level)</c>, the normalization of Smyl's ES-RNN. For strictly positive series only (a value ≤ 0 is an
    /// error naming the series and time): multiplicative seasonality and growth become additive patterns the linear
    /// path and the recurrence model directly, and the MAE on this axis is a relative-error loss close to sMAPE.
    /// Forecasts and interval bounds stay positive.
    /// </summary>
    LogRatio,
}
