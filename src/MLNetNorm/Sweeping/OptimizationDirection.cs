namespace MLNetNorm.Sweeping;

/// <summary>Whether a smaller or a larger metric value is better.</summary>
public enum OptimizationDirection
{
    /// <summary>Smaller is better (losses, errors, latency).</summary>
    Minimize,

    /// <summary>Larger is better (accuracy, AUC, R²).</summary>
    Maximize,
}
