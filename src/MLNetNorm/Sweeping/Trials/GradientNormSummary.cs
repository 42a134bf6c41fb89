namespace MLNetNorm.Sweeping.Trials;

/// <summary>Gradient-norm statistics of one layer (or of the whole model) over a training run.</summary>
/// <param name="Mean">The mean over epochs of each epoch's mean norm.</param>
/// <param name="Max">The largest norm of any step.</param>
/// <param name="Last">The norm at the last step.</param>
/// <param name="PeakToMean">Max / Mean: how spiky the gradients were (1 is perfectly steady; large values flag instability).</param>
public sealed record GradientNormSummary(double Mean, double Max, double Last, double PeakToMean);
