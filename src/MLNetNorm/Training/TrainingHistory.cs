namespace MLNetNorm.Training;

/// <summary>The learning curves and outcome of a training run: what the sweep and the plots read.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = [];

    /// <summary>Gets one record per completed epoch.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>Gets the epoch whose weights the model kept: the best validation loss, or the last epoch without validation.</summary>
    public int BestEpoch { get; internal set; }

    /// <summary>Gets a value indicating whether the loss became non-finite or exploded, which ended training.</summary>
    public bool Diverged { get; internal set; }

    /// <summary>Gets a value indicating whether early stopping ended training before the last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>Gets the number of trainable parameters of the model.</summary>
    public long ParameterCount { get; internal set; }

    /// <summary>Gets the wall time of the run.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>Gets the best validation loss, or null without a validation set.</summary>
    public double? BestValidationLoss => _epochs.Where(e => e.ValidationLoss is not null).Select(e => e.ValidationLoss).Min();

    /// <summary>Returns the optimizer steps taken when the validation loss first reached <paramref name="target"/>, or null if it never did.</summary>
    /// <param name="target">The validation loss to reach.</param>
    public long? StepsToValidationLoss(double target) => _epochs.FirstOrDefault(e => e.ValidationLoss <= target)?.Steps;

    internal void Add(EpochRecord record) => _epochs.Add(record);
}
