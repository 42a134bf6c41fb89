namespace MLNetNorm.Sweeping.Trials;

/// <summary>A point of a trial's learning curve reported through <see cref="TrialContext.Report"/>.</summary>
/// <param name="Step">The resource spent (epochs or steps).</param>
/// <param name="Value">The reported value.</param>
public readonly record struct IntermediateValue(long Step, double Value);
