
namespace MLNetNorm.Training;

/// <summary>
/// The training options shared by every neural estimator in the library (forecasting and text classification); the
/// model-specific options classes derive from it.
/// </summary>
public abstract class NeuralTrainerOptions
{
    /// <summary>Gets or sets the maximum number of passes over the training data.</summary>
    public int Epochs { get; set; } = 20;

    /// <summary>Gets or sets the number of examples per optimizer step.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Gets or sets the peak learning rate of AdamW.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Gets or sets AdamW's decoupled weight decay, applied to matrices only (not to norm parameters or biases).</summary>
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>Gets or sets the number of optimizer steps of linear learning-rate warmup; 0 for none.</summary>
    /// <remarks>Post-LN transformers need warmup to train stably (Xiong et al., 2020); Pre-LN ones usually do not.</remarks>
    public int WarmupSteps { get; set; }

    /// <summary>Gets or sets the learning-rate decay after the warmup.</summary>
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Cosine;

    /// <summary>Gets or sets the fraction of the peak learning rate reached at the last step by a decaying schedule.</summary>
    public double MinimumLearningRateFraction { get; set; } = 0.1;

    /// <summary>Gets or sets the maximum global L2 norm of the gradients; larger gradients are rescaled. 0 disables clipping.</summary>
    public double GradientClipNorm { get; set; } = 1.0;

    /// <summary>Gets or sets how many epochs without improvement of the validation loss end training; 0 disables early stopping.</summary>
    /// <remarks>With a validation set, the weights of the best epoch are restored at the end either way.</remarks>
    public int EarlyStoppingPatience { get; set; } = 5;

    /// <summary>Gets or sets the random seed for initialization, shuffling and dropout; when null, one is drawn from the MLContext's seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Gets or sets the device: <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c>.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Gets or sets whether to record per-layer gradient-norm statistics (one norm per parameter per step).</summary>
    public bool RecordGradientStatistics { get; set; } = true;

    /// <summary>Gets or sets a receiver of progress reports, one per optimizer step and one per epoch.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>Gets or sets a token that stops training; <see cref="OperationCanceledException"/> is thrown between steps.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Throws when an option is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public virtual void Validate()
    {
        Positive(Epochs, nameof(Epochs));
        Positive(BatchSize, nameof(BatchSize));
        Check(double.IsFinite(LearningRate) && LearningRate > 0, LearningRate, nameof(LearningRate), "must be a positive number");
        Check(double.IsFinite(WeightDecay) && WeightDecay >= 0, WeightDecay, nameof(WeightDecay), "must be zero or positive");
        Check(WarmupSteps >= 0, WarmupSteps, nameof(WarmupSteps), "must be zero or positive");
        Check(Enum.IsDefined(Schedule), Schedule, nameof(Schedule), "must be Constant, Linear or Cosine");
        Check(MinimumLearningRateFraction is >= 0 and <= 1, MinimumLearningRateFraction, nameof(MinimumLearningRateFraction), "must be in [0, 1]");
        Check(double.IsFinite(GradientClipNorm) && GradientClipNorm >= 0, GradientClipNorm, nameof(GradientClipNorm), "must be zero (off) or positive");
        Check(EarlyStoppingPatience >= 0, EarlyStoppingPatience, nameof(EarlyStoppingPatience), "must be zero (off) or positive");
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is positive.</summary>
    protected static void Positive(int value, string name) => Check(value > 0, value, name, "must be positive");

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the option unless <paramref name="condition"/> holds.</summary>
    protected static void Check(bool condition, object value, string name, string requirement)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Option {name} {requirement}; got {value}.");
        }
    }
}
