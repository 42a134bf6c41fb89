namespace MLNetNorm.Training;

/// <summary>How the learning rate decays after the warmup.</summary>
public enum LearningRateSchedule
{
    /// <summary>Stay at the base learning rate.</summary>
    Constant,

    /// <summary>Decay linearly to <see cref="NeuralTrainerOptions.MinimumLearningRateFraction"/> of the base rate at the last step.</summary>
    Linear,

    /// <summary>Follow half a cosine down to <see cref="NeuralTrainerOptions.MinimumLearningRateFraction"/> of the base rate at the last step.</summary>
    Cosine,
}
