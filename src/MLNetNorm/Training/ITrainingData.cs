using static TorchSharp.torch;

namespace MLNetNorm.Training;

/// <summary>What a model family gives the <see cref="TrainingLoop"/>: its batches and its validation loss.</summary>
internal interface ITrainingData
{
    /// <summary>Gets the number of batches in one epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>
    /// Returns one epoch's batches in an order drawn from <paramref name="random"/>; each function runs the model (in
    /// training mode) on one batch and returns its scalar loss. The loop calls them inside a dispose scope.
    /// </summary>
    IEnumerable<Func<Tensor>> Batches(Random random);

    /// <summary>Returns the validation loss (the loop has put the model in evaluation mode without gradients), or null without a validation set.</summary>
    double? ValidationLoss();
}
