using MLNetNorm.TextClassification.Model;
using MLNetNorm.Training;
using static TorchSharp.torch;

namespace MLNetNorm.TextClassification.Training;

/// <summary>The text classifier's batches and validation loss for the shared <see cref="TrainingLoop"/>.</summary>
internal sealed class TextTrainingData : ITrainingData, IDisposable
{
    private readonly TextTransformerNetwork _network;
    private readonly EncodedExamples _training;
    private readonly EncodedExamples? _validation;
    private readonly int _batchSize;
    private readonly int _chunkBatches;
    private readonly Device _device;
    private readonly double _tokenDropout;
    private readonly Tensor? _classWeights;

    /// <summary>Creates the data for one training run; <paramref name="classWeights"/> (one per class, or null) weight the training and validation losses.</summary>
    public TextTrainingData(TextTransformerNetwork network, EncodedExamples training, EncodedExamples? validation, int batchSize, int chunkBatches, Device device, double tokenDropout,
        float[]? classWeights)
    {
        _network = network;
        _training = training;
        _validation = validation;
        _batchSize = batchSize;
        _chunkBatches = chunkBatches;
        _device = device;
        _tokenDropout = tokenDropout;
        _classWeights = classWeights is null ? null : tensor(classWeights, device: device).DetachFromDisposeScope();
        BatchesPerEpoch = (training.Count + batchSize - 1) / batchSize;
    }

    /// <inheritdoc/>
    public int BatchesPerEpoch { get; }

    /// <summary>Gets the number of real (non-padding) tokens in the batches handed out so far.</summary>
    public long TokensSeen { get; private set; }

    /// <inheritdoc/>
    public IEnumerable<Func<Tensor>> Batches(Random random)
    {
        foreach (var batch in LengthBuckets.Create(_training.Lengths, _batchSize, _chunkBatches, random))
        {
            yield return () =>
            {
                TokensSeen += batch.Sum(i => (long)_training.Sequences[i].Length);
                var logits = _network.call(TokenBatch.Ids(_training.Sequences, batch, _device, _tokenDropout, random));
                return nn.functional.cross_entropy(logits, TokenBatch.Labels(_training.Labels, batch, _device), weight: _classWeights);
            };
        }
    }

    /// <inheritdoc/>
    public double? ValidationLoss()
    {
        if (_validation is null)
        {
            return null;
        }

        // The weighted mean over the validation set: the same objective as training (the plain mean without weights).
        var total = 0.0;
        var weightSum = 0.0;
        foreach (var batch in LengthBuckets.Sorted(_validation.Lengths, _batchSize * 2))
        {
            using var scope = NewDisposeScope();
            var logits = _network.call(TokenBatch.Ids(_validation.Sequences, batch, _device));
            var labels = TokenBatch.Labels(_validation.Labels, batch, _device);
            total += nn.functional.cross_entropy(logits, labels, weight: _classWeights, reduction: nn.Reduction.Sum).item<float>();
            weightSum += _classWeights is null ? batch.Length : _classWeights.index_select(0, labels).sum().item<float>();
        }

        // Every validation example in a class that training never saw (weight 0): there is nothing to validate on, and a
        // loss of 0 would make early stopping keep the first epoch.
        return weightSum > 0 ? total / weightSum : null;
    }

    /// <summary>Releases the class-weight tensor.</summary>
    public void Dispose() => _classWeights?.Dispose();
}
