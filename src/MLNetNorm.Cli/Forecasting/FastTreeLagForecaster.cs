using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using MLNetNorm.Forecasting;

namespace MLNetNorm.Cli.Forecasting;

/// <summary>
/// The gradient-boosted-trees baseline of the forecasting benchmark: one global ML.NET FastTree regression over all
/// series on lag features. A row is the window of the last <c>lags</c> values divided by the window's level (the same
/// per-window scaling as the neural forecaster, <see cref="ForecastWindows"/>, ratio or log-ratio), plus the position in the seasonal
/// cycle; the label is the next value on the same scale. Multi-step forecasts are recursive: each forecast is appended
/// to the window, which is rescaled, and the next step is predicted.
/// </summary>
internal sealed class FastTreeLagForecaster
{
    private readonly MLContext _mlContext;
    private readonly int _lags;
    private readonly int _season;
    private readonly ForecastScaling _scaling;
    private ITransformer? _model;

    public FastTreeLagForecaster(MLContext mlContext, int lags, int season, ForecastScaling scaling)
    {
        (_mlContext, _lags, _season, _scaling) = (mlContext, lags, season, scaling);
    }

    /// <summary>Trains on up to <paramref name="rowsPerSeries"/> random origins of each history.</summary>
    public void Fit(IReadOnlyList<float[]> histories, int rowsPerSeries, int trees, int seed)
    {
        var random = new Random(seed);
        var rows = new List<LagRow>();
        foreach (var history in histories)
        {
            for (var i = 0; i < rowsPerSeries && history.Length > _lags; i++)
            {
                var origin = random.Next(_lags, history.Length);
                rows.Add(CreateRow(history.AsSpan(origin - _lags, _lags), origin, history[origin]));
            }
        }

        var data = _mlContext.Data.LoadFromEnumerable(rows, Schema());
        var trainer = _mlContext.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = trees, NumberOfLeaves = 31, MinimumExampleCountPerLeaf = 20, LearningRate = 0.1, Seed = seed,
        });
        _model = trainer.Fit(data);
    }

    /// <summary>Forecasts <paramref name="horizon"/> steps of every history recursively.</summary>
    public float[][] Forecast(IReadOnlyList<float[]> histories, int horizon)
    {
        var model = _model ?? throw new InvalidOperationException("Fit the forecaster first.");
        var windows = histories.Select(h => h[^_lags..].ToList()).ToList();
        var forecasts = histories.Select(_ => new float[horizon]).ToArray();
        for (var k = 0; k < horizon; k++)
        {
            var rows = windows.Select((w, i) => CreateRow(w.GetRange(w.Count - _lags, _lags).ToArray(), histories[i].Length + k, 0)).ToList();
            var scores = model.Transform(_mlContext.Data.LoadFromEnumerable(rows, Schema())).GetColumn<float>("Score").ToArray();
            for (var i = 0; i < rows.Count; i++)
            {
                var value = ForecastWindows.Unscale(scores[i], rows[i].Level, _scaling);
                forecasts[i][k] = value;
                windows[i].Add(value);
            }
        }

        return forecasts;
    }

    private LagRow CreateRow(ReadOnlySpan<float> window, long position, float target)
    {
        var level = ForecastWindows.Level(window);
        var features = new float[_lags + 2];
        for (var j = 0; j < _lags; j++)
        {
            features[j] = ForecastWindows.Scale(window[j], level, _scaling);
        }

        var angle = 2 * Math.PI * (position % _season) / _season;
        (features[_lags], features[_lags + 1]) = ((float)Math.Sin(angle), (float)Math.Cos(angle));
        return new LagRow { Features = features, Label = ForecastWindows.Scale(target, level, _scaling), Level = level };
    }

    private SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(LagRow));
        schema[nameof(LagRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _lags + 2);
        return schema;
    }

    private sealed class LagRow
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }

        public float Level { get; set; }
    }
}
