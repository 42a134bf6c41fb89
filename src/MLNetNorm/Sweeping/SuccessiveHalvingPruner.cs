namespace MLNetNorm.Sweeping;

/// <summary>
/// Asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys
/// 2020): rungs sit at steps r·η^k (r = <see cref="MinimumResource"/>, η = <see cref="ReductionFactor"/>); when a trial
/// reports its first value at or beyond a rung, the value is compared with the values every other trial of the study
/// had at that rung, and the trial stops unless it is in the top 1/η of them. There is no rung at or beyond
/// <see cref="MaximumResource"/>: a trial that got that far has done its work.
/// </summary>
public sealed class SuccessiveHalvingPruner
{
    /// <summary>Creates a pruner.</summary>
    /// <param name="minimumResource">The step of the first rung (e.g. 1 epoch).</param>
    /// <param name="reductionFactor">η: only the top 1/η of the trials at a rung continue (at least 2).</param>
    /// <param name="minimumTrialsPerRung">A trial is only judged at a rung that at least this many trials (itself included) reached; smaller numbers make early comparisons noisier. Defaults to η.</param>
    /// <param name="direction">Whether lower or higher intermediate values are better; lower by default, for the losses training reports.</param>
    /// <param name="maximumResource">The step at which trials end (e.g. the number of epochs); no rung is placed there or beyond. Null when unknown.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public SuccessiveHalvingPruner(long minimumResource = 1, int reductionFactor = 3, int? minimumTrialsPerRung = null, OptimizationDirection direction = OptimizationDirection.Minimize, long? maximumResource = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumResource, 1);
        if (maximumResource is { } maximum)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maximum, minimumResource, nameof(maximumResource));
        }

        MaximumResource = maximumResource;
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        MinimumTrialsPerRung = minimumTrialsPerRung ?? reductionFactor;
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumTrialsPerRung, 1, nameof(minimumTrialsPerRung));
        (MinimumResource, ReductionFactor, Direction) = (minimumResource, reductionFactor, direction);
    }

    /// <summary>Gets the step of the first rung.</summary>
    public long MinimumResource { get; }

    /// <summary>Gets the step at which trials end, or null when unknown; rungs lie below it.</summary>
    public long? MaximumResource { get; }

    /// <summary>Gets η.</summary>
    public int ReductionFactor { get; }

    /// <summary>Gets the number of trials a rung needs before it judges.</summary>
    public int MinimumTrialsPerRung { get; }

    /// <summary>Gets the direction of the intermediate values.</summary>
    public OptimizationDirection Direction { get; }

    /// <summary>Returns the step of rung <paramref name="rung"/> (from 0): r·η^rung.</summary>
    /// <param name="rung">The rung.</param>
    public long RungStep(int rung)
    {
        var step = MinimumResource;
        for (var k = 0; k < rung; k++)
        {
            step = step > long.MaxValue / ReductionFactor ? long.MaxValue : step * ReductionFactor;
        }

        return step;
    }

    /// <summary>Returns the highest rung whose step is at most <paramref name="step"/> (and below <see cref="MaximumResource"/>), or -1 below the first rung.</summary>
    /// <param name="step">A reported step.</param>
    public int RungOf(long step)
    {
        var limit = Math.Min(step, MaximumResource is { } maximum ? maximum - 1 : long.MaxValue - 1);
        var rung = -1;
        while (RungStep(rung + 1) <= limit)
        {
            rung++;
        }

        return rung;
    }

    /// <summary>Returns whether a trial with <paramref name="value"/> at a rung continues, given every value at that rung (its own included).</summary>
    /// <param name="value">The trial's value at the rung.</param>
    /// <param name="valuesAtRung">All values at the rung, the trial's own included. Non-finite values rank last.</param>
    public bool ShouldContinue(double value, IReadOnlyList<double> valuesAtRung)
    {
        ArgumentNullException.ThrowIfNull(valuesAtRung);
        if (valuesAtRung.Count < MinimumTrialsPerRung)
        {
            return true;
        }

        var kept = Math.Max(1, valuesAtRung.Count / ReductionFactor);
        var threshold = valuesAtRung.Select(Badness).Order().ElementAt(kept - 1);
        return Badness(value) <= threshold;
    }

    /// <summary>Lower is better after orienting by <see cref="Direction"/>; NaN and the wrong infinity are the worst.</summary>
    private double Badness(double value) =>
        double.IsNaN(value) ? double.PositiveInfinity : Direction == OptimizationDirection.Minimize ? value : -value;
}
