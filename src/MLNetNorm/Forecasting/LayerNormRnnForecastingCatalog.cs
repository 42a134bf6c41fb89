using Microsoft.ML;
using MLNetNorm.Forecasting.Evaluation;
using MLNetNorm.Training;

namespace MLNetNorm.Forecasting;

/// <summary>Extension methods that add the LN-LSTM / LN-GRU forecaster and M4-style evaluation to <c>mlContext.Forecasting</c>.</summary>
public static class LayerNormRnnForecastingCatalog
{
    /// <summary>
    /// Creates an estimator that trains one recurrent network (LSTM or GRU with LayerNorm / RMSNorm inside the
    /// recurrence) across all series of long-format data and forecasts each with calibrated prediction intervals.
    /// </summary>
    /// <param name="catalog">The forecasting catalog.</param>
    /// <param name="options">Columns, horizon, window, network and training options.</param>
    /// <returns>The estimator.</returns>
    /// <example>
    /// <code>
    /// var estimator = mlContext.Forecasting.ForecastWithLayerNormRnn(new LayerNormRnnForecasterOptions
    /// {
    ///     SeriesColumnName = "series_id", TimeColumnName = "t", ValueColumnName = "value",
    ///     Horizon = 48, SeasonalPeriod = 24, WindowSize = 168, NormKind = NormKind.LayerNorm,
    /// });
    /// var model = estimator.Fit(history);
    /// IDataView forecasts = model.Transform(history);   // one row per series: Forecast, LowerBound, UpperBound
    /// </code>
    /// </example>
    public static LayerNormRnnForecastingEstimator ForecastWithLayerNormRnn(this ForecastingCatalog catalog, LayerNormRnnForecasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new LayerNormRnnForecastingEstimator(options, TrainingHost.FromCatalog(catalog, "LayerNormRnnForecaster"));
    }

    /// <summary>Evaluates forecasts of many series as in M4: sMAPE, MASE, OWA against Naive2, MAE, RMSE and interval coverage.</summary>
    /// <param name="catalog">The forecasting catalog.</param>
    /// <param name="outcomes">One entry per series: history, actual values, forecast and optional bounds.</param>
    /// <param name="seasonalPeriod">The seasonal period m.</param>
    /// <returns>The metrics.</returns>
    public static ForecastMetrics EvaluateForecasts(this ForecastingCatalog catalog, IEnumerable<SeriesOutcome> outcomes, int seasonalPeriod)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return ForecastEvaluator.Evaluate(outcomes, seasonalPeriod);
    }
}
