using MLNetNorm.Training;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting;

/// <summary>
/// The forecaster's batches for the <see cref="TrainingLoop"/>. Each epoch draws windows at random (with replacement)
/// from each series at origins whose targets end before the series' last horizon; the validation loss is the scaled
/// MAE of forecasting that last horizon of every series, whose targets the model never trains on.
/// </summary>
internal sealed class ForecastTrainingData(ForecastingModel model, IReadOnlyList<SeriesData> series, int windowsPerSeries, int batchSize) : ITrainingData
{
    private readonly int _window = model.Settings.WindowSize;
    private readonly int _horizon = model.Settings.Horizon;
    private readonly ForecastScaling _scaling = model.Settings.Scaling;

    public int BatchesPerEpoch => (series.Count * windowsPerSeries + batchSize - 1) / batchSize;

    /// <summary>The fewest observations a training series needs: a window, a horizon to train on and a horizon to validate on.</summary>
    public static int MinimumLength(ForecastingSettings settings) => settings.WindowSize + 2 * settings.Horizon;

    public IEnumerable<Func<Tensor>> Batches(Random random)
    {
        var draws = new List<(int Series, int Origin)>(series.Count * windowsPerSeries);
        for (var s = 0; s < series.Count; s++)
        {
            // Origins o with the window [o − L, o) and targets [o, o + H) inside the part before the validation horizon.
            var (first, last) = (_window, series[s].Values.Length - 2 * _horizon);
            for (var i = 0; i < windowsPerSeries; i++)
            {
                draws.Add((s, random.Next(first, last + 1)));
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(draws));
        for (var start = 0; start < draws.Count; start += batchSize)
        {
            var batch = draws.Skip(start).Take(batchSize).ToList();
            yield return () => Loss(batch);
        }
    }

    public double? ValidationLoss()
    {
        var origins = series.Select((s, i) => (i, s.Values.Length - _horizon)).ToList();
        var windows = origins.Select(o => new ForecastWindow(series[o.i].Values, o.Item2, 0)).ToList();
        var scaled = model.PredictScaled(windows, out var levels);
        var sum = 0.0;
        for (var w = 0; w < windows.Count; w++)
        {
            var values = series[origins[w].i].Values;
            for (var k = 0; k < _horizon; k++)
            {
                sum += Math.Abs(ForecastWindows.Scale(values[origins[w].Item2 + k], levels[w], _scaling) - scaled[w * _horizon + k]);
            }
        }

        return sum / (windows.Count * _horizon);
    }

    private Tensor Loss(List<(int Series, int Origin)> batch)
    {
        var windows = batch.Select(b => new ForecastWindow(series[b.Series].Values, b.Origin, 0)).ToList();
        var features = model.Features(windows, out var levels);
        var targets = new float[batch.Count * _horizon];
        for (var i = 0; i < batch.Count; i++)
        {
            ForecastWindows.WriteTargets(series[batch[i].Series].Values.AsSpan(batch[i].Origin, _horizon), levels[i], _scaling, targets.AsSpan(i * _horizon, _horizon));
        }

        var predicted = model.Network.call(features);
        return nn.functional.l1_loss(predicted, tensor(targets, [batch.Count, _horizon]).to(model.Device));
    }
}
