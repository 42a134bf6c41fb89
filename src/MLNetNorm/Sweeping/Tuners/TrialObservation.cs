using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;

namespace MLNetNorm.Sweeping.Tuners;

/// <summary>What a tuner knows of an existing trial.</summary>
/// <param name="Parameters">The trial's parameters.</param>
/// <param name="State">The trial's state.</param>
/// <param name="Loss">For completed trials, the optimized metric oriented so that lower is better (negated when maximizing; non-finite values become +∞); otherwise null.</param>
public readonly record struct TrialObservation(ParameterSet Parameters, TrialState State, double? Loss);
