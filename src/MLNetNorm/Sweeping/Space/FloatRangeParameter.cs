namespace MLNetNorm.Sweeping.Space;

/// <summary>A float parameter in [minimum, maximum], sampled uniformly or log-uniformly.</summary>
/// <param name="name">The parameter's name.</param>
/// <param name="minimum">The smallest value.</param>
/// <param name="maximum">The largest value.</param>
/// <param name="logScale">Whether to sample uniformly in log space (for learning rates, epsilons, weight decay).</param>
public sealed class FloatRangeParameter(string name, double minimum, double maximum, bool logScale = false)
    : RangeParameter(name, minimum, maximum, logScale)
{
    /// <inheritdoc/>
    public override double InternalMinimum => LogScale ? Math.Log(Minimum) : Minimum;

    /// <inheritdoc/>
    public override double InternalMaximum => LogScale ? Math.Log(Maximum) : Maximum;

    /// <inheritdoc/>
    public override object FromInternal(double coordinate) => Math.Clamp(LogScale ? Math.Exp(coordinate) : coordinate, Minimum, Maximum);

    /// <inheritdoc/>
    public override IReadOnlyList<object> GridValues(int steps) => Points(steps).Select(p => (object)p).ToArray();

    /// <inheritdoc/>
    public override bool Contains(object value) => value is double d && d >= Minimum && d <= Maximum;

    /// <inheritdoc/>
    public override string Describe() => $"{Name}: float [{ParameterValues.Format(Minimum)}, {ParameterValues.Format(Maximum)}]{Scale}";
}
