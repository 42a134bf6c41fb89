namespace MLNetNorm.Sweeping.Space;

/// <summary>An integer parameter in [minimum, maximum] (both included), sampled uniformly or log-uniformly.</summary>
public sealed class IntegerRangeParameter : RangeParameter
{
    /// <summary>Creates the range.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="minimum">The smallest value.</param>
    /// <param name="maximum">The largest value.</param>
    /// <param name="logScale">Whether to sample uniformly in log space (for widths, warmup steps).</param>
    public IntegerRangeParameter(string name, long minimum, long maximum, bool logScale = false)
        : base(name, minimum, maximum, logScale)
    {
    }

    /// <inheritdoc/>
    /// <remarks>Half a unit beyond each end, so that rounding gives the end values their fair share.</remarks>
    public override double InternalMinimum => LogScale ? Math.Log(Minimum - 0.5) : Minimum - 0.5;

    /// <inheritdoc/>
    public override double InternalMaximum => LogScale ? Math.Log(Maximum + 0.5) : Maximum + 0.5;

    /// <inheritdoc/>
    public override object FromInternal(double coordinate) =>
        (long)Math.Clamp(Math.Round(LogScale ? Math.Exp(coordinate) : coordinate, MidpointRounding.AwayFromZero), Minimum, Maximum);

    /// <inheritdoc/>
    /// <remarks>All integers when the range holds at most <paramref name="steps"/> of them, else that many distinct rounded points.</remarks>
    public override IReadOnlyList<object> GridValues(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        var (low, high) = ((long)Minimum, (long)Maximum);
        return high - low + 1 <= steps
            ? Enumerable.Range(0, (int)(high - low + 1)).Select(i => (object)(low + i)).ToArray()
            : Points(steps).Select(p => (long)Math.Round(p, MidpointRounding.AwayFromZero)).Distinct().Select(v => (object)v).ToArray();
    }

    /// <inheritdoc/>
    public override bool Contains(object value) => value is long l && l >= Minimum && l <= Maximum;

    /// <inheritdoc/>
    public override string Describe() => $"{Name}: integer [{(long)Minimum}, {(long)Maximum}]{Scale}";
}
