using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Training;

/// <summary>
/// The one training loop of the library, shared by the forecasting and text models and by the sweep: AdamW with
/// decoupled weight decay on matrices only, linear warmup and decay, global gradient-norm clipping, early stopping on the
/// validation loss with the best weights restored, per-layer gradient-norm statistics, divergence detection, progress
/// reports and cancellation.
/// </summary>
internal sealed class TrainingLoop
{
    /// <summary>
    /// A step loss above the first step's by this many times its magnitude (at least 1e-3) marks the run as diverged;
    /// the magnitude keeps the rule meaningful for losses that start near zero or negative (log-likelihoods).
    /// </summary>
    internal const double ExplosionFactor = 100;

    private readonly nn.Module _model;
    private readonly NeuralTrainerOptions _options;
    private readonly TrainingHost _host;
    private readonly IProgress<TrainingProgress>? _progress;

    /// <summary>Creates a loop that trains <paramref name="model"/> with <paramref name="options"/>.</summary>
    /// <param name="model">The model to train in place.</param>
    /// <param name="options">The training options.</param>
    /// <param name="host">Logging, cancellation and seeds.</param>
    /// <param name="progress">Where progress goes instead of <see cref="NeuralTrainerOptions.Progress"/> (e.g. an ensemble's rescaled bar).</param>
    public TrainingLoop(nn.Module model, NeuralTrainerOptions options, TrainingHost host, IProgress<TrainingProgress>? progress = null)
    {
        _model = model;
        _options = options;
        _host = host;
        _progress = progress ?? options.Progress;
    }

    /// <summary>Trains the model in place and returns its learning curves.</summary>
    /// <param name="data">The model family's batches and validation loss.</param>
    /// <param name="random">The seeded source of batch order.</param>
    /// <returns>The history; on divergence, the model holds the best validated weights if there are any (see <see cref="TrainingHistory.Diverged"/>).</returns>
    public TrainingHistory Run(ITrainingData data, Random random)
    {
        if (data.BatchesPerEpoch <= 0)
        {
            throw new ArgumentException("There are no training batches: the training data yields no examples.", nameof(data));
        }

        var clock = Stopwatch.StartNew();
        var trainable = _model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        var history = new TrainingHistory { ParameterCount = trainable.Sum(p => p.parameter.numel()) };
        var layers = LayerGroups(trainable);
        using var optimizer = CreateOptimizer(trainable);
        var totalSteps = (long)_options.Epochs * data.BatchesPerEpoch;
        var step = 0L;
        double? firstStepLoss = null;
        Dictionary<string, Tensor>? best = null;
        var bestLoss = double.PositiveInfinity;
        var epochsWithoutImprovement = 0;
        try
        {
            for (var epoch = 1; epoch <= _options.Epochs && !history.Diverged; epoch++)
            {
                _model.train();
                var statistics = new EpochStatistics(layers.Keys);
                var learningRate = 0.0;
                foreach (var batchLoss in data.Batches(random))
                {
                    _host.ThrowIfCancelled(_options.CancellationToken);
                    using var scope = NewDisposeScope();
                    learningRate = LearningRates.At(step, totalSteps, _options.LearningRate, _options.WarmupSteps, _options.Schedule, _options.MinimumLearningRateFraction);
                    foreach (var group in optimizer.ParamGroups)
                    {
                        group.LearningRate = learningRate;
                    }

                    optimizer.zero_grad();
                    var loss = batchLoss();
                    var lossValue = loss.to_type(ScalarType.Float64).item<double>();
                    firstStepLoss ??= lossValue;
                    if (!double.IsFinite(lossValue) || lossValue > firstStepLoss.Value + ExplosionFactor * Math.Max(Math.Abs(firstStepLoss.Value), 1e-3))
                    {
                        Diverge(history, epoch, step, $"loss {lossValue:G4}");
                        break;
                    }

                    loss.backward();
                    var gradientNorm = MeasureAndClipGradients(trainable, layers, statistics);
                    if (!double.IsFinite(gradientNorm))
                    {
                        Diverge(history, epoch, step, $"gradient norm {gradientNorm:G4}");
                        break;
                    }

                    optimizer.step();
                    step++;
                    statistics.AddStep(lossValue, gradientNorm);
                    _progress?.Report(new TrainingProgress(epoch, _options.Epochs, step, totalSteps, lossValue, null, learningRate, clock.Elapsed, EpochCompleted: false));
                }

                if (history.Diverged || statistics.Steps == 0)
                {
                    break;
                }

                double? validationLoss;
                using (no_grad())
                {
                    _model.eval();
                    validationLoss = data.ValidationLoss();
                }

                history.Add(statistics.ToRecord(epoch, validationLoss, learningRate, step, clock.Elapsed));
                _progress?.Report(new TrainingProgress(epoch, _options.Epochs, step, totalSteps, statistics.MeanLoss, validationLoss, learningRate, clock.Elapsed, EpochCompleted: true));
                _host.Info($"epoch {epoch}/{_options.Epochs}: training loss {statistics.MeanLoss:G5}" +
                           (validationLoss is { } v ? $", validation loss {v:G5}" : string.Empty) + $", lr {learningRate:G3}, {clock.Elapsed.TotalSeconds:F1} s");

                if (validationLoss is not { } current)
                {
                    history.BestEpoch = epoch;
                    continue;
                }

                if (!double.IsFinite(current))
                {
                    Diverge(history, epoch, step, $"validation loss {current}");
                    break;
                }

                if (current < bestLoss)
                {
                    bestLoss = current;
                    history.BestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    DisposeAll(best);
                    best = Snapshot();
                }
                else if (_options.EarlyStoppingPatience > 0 && ++epochsWithoutImprovement >= _options.EarlyStoppingPatience && epoch < _options.Epochs)
                {
                    history.StoppedEarly = true;
                    _host.Info($"early stopping after epoch {epoch}: no validation improvement for {epochsWithoutImprovement} epochs; keeping epoch {history.BestEpoch}");
                    break;
                }
            }

            if (best is not null)
            {
                _model.load_state_dict(best);
            }
        }
        finally
        {
            DisposeAll(best);
            _model.eval();
        }

        history.Duration = clock.Elapsed;
        return history;
    }

    private void Diverge(TrainingHistory history, int epoch, long step, string what)
    {
        history.Diverged = true;
        _host.Warning($"training diverged in epoch {epoch} at step {step}: {what}. Lower the learning rate, add warmup, or enable gradient clipping.");
    }

    private AdamW CreateOptimizer(List<(string Name, Parameter Parameter)> trainable)
    {
        // Decay matrices only: decaying norm gains and biases pulls them to zero for no regularization benefit.
        var decayed = trainable.Where(p => p.Parameter.dim() >= 2).Select(p => p.Parameter).ToList();
        var undecayed = trainable.Where(p => p.Parameter.dim() < 2).Select(p => p.Parameter).ToList();
        var lr = _options.LearningRate;
        return optim.AdamW(
            new AdamW.ParamGroup[]
            {
                new AdamW.ParamGroup(decayed, lr, 0.9, 0.999, 1e-8, _options.WeightDecay, false, false),
                new AdamW.ParamGroup(undecayed, lr, 0.9, 0.999, 1e-8, 0, false, false),
            },
            lr);
    }

    /// <summary>
    /// Measures the gradients once (one squared norm per parameter, read back in one transfer), records the per-layer
    /// norms when asked, clips to the global norm, and returns the global norm before clipping.
    /// </summary>
    private double MeasureAndClipGradients(List<(string Name, Parameter Parameter)> trainable, Dictionary<string, List<Parameter>> layers, EpochStatistics statistics)
    {
        var withGradients = trainable.Select(p => p.Parameter).Where(p => p.grad is not null).ToList();
        if (withGradients.Count == 0)
        {
            return 0;
        }

        double[] squares;
        using (var stacked = stack(withGradients.Select(p => p.grad!.square().sum().to_type(ScalarType.Float64)).ToList()))
        {
            squares = stacked.data<double>().ToArray();
        }

        if (_options.RecordGradientStatistics)
        {
            var byParameter = new Dictionary<Parameter, double>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < withGradients.Count; i++)
            {
                byParameter[withGradients[i]] = squares[i];
            }

            statistics.AddLayerNorms(layers.Values.Select(group => Math.Sqrt(group.Sum(p => byParameter.GetValueOrDefault(p)))).ToArray());
        }

        var norm = Math.Sqrt(squares.Sum());
        if (_options.GradientClipNorm > 0 && norm > _options.GradientClipNorm && double.IsFinite(norm))
        {
            var scale = _options.GradientClipNorm / (norm + 1e-6);
            using var guard = no_grad();
            foreach (var parameter in withGradients)
            {
                parameter.grad!.mul_(scale);
            }
        }

        return norm;
    }

    private Dictionary<string, Tensor> Snapshot()
    {
        using var guard = no_grad();
        return _model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        foreach (var tensor in tensors?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }
    }

    /// <summary>
    /// Groups parameters into layers for gradient statistics: the name up to and including its first numeric part
    /// (<c>blocks.3.attention.query.weight</c> → <c>blocks.3</c>), or its first part when there is none (<c>head.weight</c> → <c>head</c>).
    /// </summary>
    internal static Dictionary<string, List<Parameter>> LayerGroups(IEnumerable<(string Name, Parameter Parameter)> parameters)
    {
        var groups = new Dictionary<string, List<Parameter>>(StringComparer.Ordinal);
        foreach (var (name, parameter) in parameters)
        {
            var parts = name.Split('.');
            var numeric = Array.FindIndex(parts, p => p.Length > 0 && p.All(char.IsAsciiDigit));
            var layer = numeric >= 0 ? string.Join('.', parts.Take(numeric + 1)) : parts[0];
            if (!groups.TryGetValue(layer, out var list))
            {
                groups[layer] = list = [];
            }

            list.Add(parameter);
        }

        return groups;
    }

    /// <summary>Running sums over one epoch's steps.</summary>
    private sealed class EpochStatistics(IEnumerable<string> layerNames)
    {
        private readonly string[] _layers = layerNames.ToArray();
        private readonly List<double[]> _layerNorms = [];
        private readonly List<double> _globalNorms = [];
        private double _lossSum;

        public int Steps { get; private set; }

        public double MeanLoss => Steps == 0 ? double.NaN : _lossSum / Steps;

        public void AddStep(double loss, double gradientNorm)
        {
            Steps++;
            _lossSum += loss;
            _globalNorms.Add(gradientNorm);
        }

        public void AddLayerNorms(double[] norms) => _layerNorms.Add(norms);

        public EpochRecord ToRecord(int epoch, double? validationLoss, double learningRate, long steps, TimeSpan elapsed)
        {
            var layers = new Dictionary<string, GradientNormStatistics>(StringComparer.Ordinal);
            if (_layerNorms.Count > 0)
            {
                for (var i = 0; i < _layers.Length; i++)
                {
                    layers[_layers[i]] = Summarize(_layerNorms.Select(n => n[i]).ToList());
                }
            }

            return new EpochRecord(epoch, MeanLoss, validationLoss, learningRate, Summarize(_globalNorms), layers, steps, elapsed);
        }

        private static GradientNormStatistics Summarize(IReadOnlyList<double> values) =>
            values.Count == 0 ? default : new GradientNormStatistics(values.Average(), values.Max(), values[^1]);
    }
}
