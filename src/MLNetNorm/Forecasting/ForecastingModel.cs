using System.Collections.Frozen;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting;

/// <summary>
/// A trained forecaster's parts that forecasting needs, shared by the transformer and the prediction engine: the
/// settings, the network on its device, the calibrated interval half-widths (scaled, per horizon step), and the
/// per-series weights of <see cref="SeasonalNaiveBlend"/>.
/// </summary>
internal sealed class ForecastingModel
{
    private const int InferenceBatch = 1024;
    private readonly object _gate = new();

    public ForecastingModel(ForecastingSettings settings, nn.Module<Tensor, Tensor> network, Device device, float[] halfWidths, IReadOnlyDictionary<string, float>? seasonalNaiveWeights = null)
    {
        (Settings, Network, Device, HalfWidths) = (settings, network, device, halfWidths);
        // A private, immutable copy: the transformer hands it out, and engines and checkpoints share it across threads.
        SeasonalNaiveWeights = (seasonalNaiveWeights ?? new Dictionary<string, float>()).ToFrozenDictionary(StringComparer.Ordinal);
        foreach (var (id, weight) in SeasonalNaiveWeights.Where(p => !(p.Value is > 0 and <= 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(seasonalNaiveWeights), $"The seasonal-naive weight of series '{id}' is {weight.ToString(CultureInfo.InvariantCulture)}; weights must be in (0, 1].");
        }
    }

    public ForecastingSettings Settings { get; }

    /// <summary>Gets the network: one <see cref="RnnForecastingNetwork"/>, or a <see cref="ForecastingEnsemble"/> of them.</summary>
    public nn.Module<Tensor, Tensor> Network { get; }

    public Device Device { get; }

    /// <summary>Gets the interval half-width of each step, in units of the window's level.</summary>
    public float[] HalfWidths { get; }

    /// <summary>Gets the seasonal-naive weight of each series that has one above 0 (empty without the blend); other series get the network alone.</summary>
    public IReadOnlyDictionary<string, float> SeasonalNaiveWeights { get; }

    /// <summary>Returns the same network and intervals with other seasonal-naive weights.</summary>
    public ForecastingModel WithSeasonalNaiveWeights(IReadOnlyDictionary<string, float> weights) => new(Settings, Network, Device, HalfWidths, weights);

    /// <summary>Builds the feature tensor <c>[windows, window, 3]</c> and returns each window's level.</summary>
    public Tensor Features(IReadOnlyList<ForecastWindow> windows, out float[] levels)
    {
        var size = Settings.WindowSize;
        var features = new float[windows.Count * size * ForecastWindows.FeaturesPerStep];
        levels = new float[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            var input = w.Source.AsSpan(w.End - size, size);
            levels[i] = ForecastWindows.Level(input);
            ForecastWindows.WriteFeatures(input, levels[i], Settings.Scaling, w.FirstPosition + w.End - size, Settings.SeasonalPeriod,
                features.AsSpan(i * size * ForecastWindows.FeaturesPerStep, size * ForecastWindows.FeaturesPerStep));
        }

        return tensor(features, [windows.Count, size, ForecastWindows.FeaturesPerStep]).to(Device);
    }

    /// <summary>
    /// Returns scaled forecasts, <c>[windows × horizon]</c> row-major: the network's, blended with seasonal naive for the
    /// windows of series in <see cref="SeasonalNaiveWeights"/>.
    /// </summary>
    /// <param name="windows">The forecast origins.</param>
    /// <param name="seriesIds">The series of each window.</param>
    /// <param name="levels">Each window's level.</param>
    public float[] PredictScaled(IReadOnlyList<ForecastWindow> windows, IReadOnlyList<string> seriesIds, out float[] levels)
    {
        var scaled = PredictScaled(windows, out levels);
        var horizon = Settings.Horizon;
        var naive = new float[horizon];
        for (var i = 0; i < windows.Count; i++)
        {
            if (SeasonalNaiveWeights.TryGetValue(seriesIds[i], out var weight))
            {
                SeasonalNaiveBlend.Apply(windows[i], levels[i], Settings, weight, scaled.AsSpan(i * horizon, horizon), naive);
            }
        }

        return scaled;
    }

    /// <summary>Runs the network (evaluation mode, no gradients) and returns scaled forecasts, <c>[windows × horizon]</c> row-major.</summary>
    public float[] PredictScaled(IReadOnlyList<ForecastWindow> windows, out float[] levels)
    {
        var horizon = Settings.Horizon;
        var output = new float[windows.Count * horizon];
        levels = new float[windows.Count];
        lock (_gate)
        {
            var wasTraining = Network.training;
            Network.eval();
            try
            {
                using var noGrad = no_grad();
                for (var start = 0; start < windows.Count; start += InferenceBatch)
                {
                    using var scope = NewDisposeScope();
                    var chunk = windows.Skip(start).Take(InferenceBatch).ToList();
                    var predicted = Network.call(Features(chunk, out var chunkLevels)).cpu().data<float>().ToArray();
                    predicted.CopyTo(output, start * horizon);
                    chunkLevels.CopyTo(levels, start);
                }
            }
            finally
            {
                Network.train(wasTraining);
            }
        }

        return output;
    }

    /// <summary>Forecasts each series from its state, with intervals.</summary>
    /// <exception cref="InvalidOperationException">A series has fewer observations than the window, or the network produced a non-finite value.</exception>
    public List<SeriesForecast> Forecast(IReadOnlyList<SeriesState> states)
    {
        var size = Settings.WindowSize;
        foreach (var s in states.Where(s => s.Tail.Length < size))
        {
            throw new InvalidOperationException(
                $"Series '{s.Id}' has {s.Tail.Length} observations, but the model reads a window of {size}; give it at least {size} observations.");
        }

        var windows = states.Select(s => new ForecastWindow(s.Tail, s.Tail.Length, s.Count - s.Tail.Length)).ToList();
        var scaled = PredictScaled(windows, states.Select(s => s.Id).ToList(), out var levels);
        var horizon = Settings.Horizon;
        var result = new List<SeriesForecast>(states.Count);
        for (var i = 0; i < states.Count; i++)
        {
            var (forecast, lower, upper) = (new float[horizon], new float[horizon], new float[horizon]);
            for (var k = 0; k < horizon; k++)
            {
                var s = scaled[i * horizon + k];
                forecast[k] = ForecastWindows.Unscale(s, levels[i], Settings.Scaling);
                lower[k] = ForecastWindows.Unscale(s - HalfWidths[k], levels[i], Settings.Scaling);
                upper[k] = ForecastWindows.Unscale(s + HalfWidths[k], levels[i], Settings.Scaling);
                if (!float.IsFinite(forecast[k]) || !float.IsFinite(lower[k]) || !float.IsFinite(upper[k]))
                {
                    throw new InvalidOperationException($"Series '{states[i].Id}': the forecast of step {k + 1} is not finite; its values may be too large for single precision{(Settings.Scaling == ForecastScaling.LogRatio ? " (under LogRatio scaling, exp of the network output overflowed)" : string.Empty)}.");
                }
            }

            result.Add(new SeriesForecast(states[i].Id, forecast, lower, upper));
        }

        return result;
    }

    /// <summary>The network's weights as bytes (TorchSharp's module format).</summary>
    public byte[] SaveNetwork()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Network.save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Rebuilds a network from its settings and stored weights.</summary>
    public static nn.Module<Tensor, Tensor> LoadNetwork(ForecastingSettings settings, byte[] weights, Device device)
    {
        var network = CreateNetwork(settings);
        using var reader = new BinaryReader(new MemoryStream(weights, writable: false));
        network.load(reader);
        network.to(device);
        network.eval();
        return network;
    }

    /// <summary>Creates an untrained network of the settings' shape: a single network, or an ensemble of <c>EnsembleSize</c>.</summary>
    public static nn.Module<Tensor, Tensor> CreateNetwork(ForecastingSettings settings) =>
        ForecastingEnsemble.Of(Enumerable.Range(0, settings.EnsembleSize).Select(_ => new RnnForecastingNetwork(settings)).ToList());
}
