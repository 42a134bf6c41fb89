using System.Globalization;

namespace MLNetNorm.Sweeping.Space;

/// <summary>
/// A numeric range sampled uniformly, or uniformly in log space. Model-based tuners work in its internal coordinate
/// (the value, or its logarithm), which <see cref="ToInternal"/> and <see cref="FromInternal"/> convert.
/// </summary>
public abstract class RangeParameter : SweepParameter
{
    /// <summary>Checks and stores the bounds.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="minimum">The smallest value.</param>
    /// <param name="maximum">The largest value; greater than <paramref name="minimum"/>.</param>
    /// <param name="logScale">Whether to sample uniformly in log space (needs a positive minimum).</param>
    /// <exception cref="ArgumentException">The bounds are not finite, not ordered, or not positive on a log scale.</exception>
    private protected RangeParameter(string name, double minimum, double maximum, bool logScale)
        : base(name)
    {
        if (!double.IsFinite(minimum) || !double.IsFinite(maximum) || minimum >= maximum)
        {
            throw new ArgumentException($"Range parameter '{name}' needs finite bounds with minimum < maximum; got [{minimum}, {maximum}].", nameof(maximum));
        }

        if (logScale && minimum <= 0)
        {
            throw new ArgumentException($"Range parameter '{name}' is on a log scale, so its minimum must be positive; got {minimum}.", nameof(minimum));
        }

        (Minimum, Maximum, LogScale) = (minimum, maximum, logScale);
    }

    /// <summary>Gets the smallest value.</summary>
    public double Minimum { get; }

    /// <summary>Gets the largest value.</summary>
    public double Maximum { get; }

    /// <summary>Gets a value indicating whether the range is sampled uniformly in log space.</summary>
    public bool LogScale { get; }

    /// <summary>Gets the lower end of the internal coordinate.</summary>
    public abstract double InternalMinimum { get; }

    /// <summary>Gets the upper end of the internal coordinate.</summary>
    public abstract double InternalMaximum { get; }

    /// <summary>Converts a value of this range to the internal coordinate.</summary>
    /// <param name="value">A canonical value inside the range.</param>
    public double ToInternal(object value)
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return LogScale ? Math.Log(number) : number;
    }

    /// <summary>Converts an internal coordinate back to a value of this range (rounded for integers, clamped to the bounds).</summary>
    /// <param name="coordinate">A point of the internal coordinate.</param>
    public abstract object FromInternal(double coordinate);

    /// <inheritdoc/>
    public override object Sample(Random random) => FromInternal(InternalMinimum + random.NextDouble() * (InternalMaximum - InternalMinimum));

    /// <summary>Returns <paramref name="steps"/> evenly spaced points from minimum to maximum (geometric on a log scale).</summary>
    private protected IEnumerable<double> Points(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        var (low, high) = LogScale ? (Math.Log(Minimum), Math.Log(Maximum)) : (Minimum, Maximum);
        return Enumerable.Range(0, steps).Select(i => i == steps - 1 ? Maximum : i == 0 ? Minimum
            : LogScale ? Math.Exp(low + (high - low) * i / (steps - 1)) : low + (high - low) * i / (steps - 1));
    }

    private protected string Scale => LogScale ? " log" : string.Empty;
}
