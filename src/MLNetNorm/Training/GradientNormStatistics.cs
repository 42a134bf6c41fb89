namespace MLNetNorm.Training;

/// <summary>Statistics of one layer's gradient L2 norm over the steps of an epoch.</summary>
/// <param name="Mean">The mean norm.</param>
/// <param name="Max">The largest norm.</param>
/// <param name="Last">The norm at the epoch's last step.</param>
public readonly record struct GradientNormStatistics(double Mean, double Max, double Last);
