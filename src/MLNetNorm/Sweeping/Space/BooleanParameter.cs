namespace MLNetNorm.Sweeping.Space;

/// <summary>A parameter that is <see langword="false"/> or <see langword="true"/>.</summary>
/// <param name="name">The parameter's name.</param>
public sealed class BooleanParameter(string name) : SweepParameter(name)
{
    private static readonly object[] Both = [false, true];

    /// <inheritdoc/>
    public override object Sample(Random random) => random.Next(2) == 1;

    /// <inheritdoc/>
    public override IReadOnlyList<object> GridValues(int steps) => Both;

    /// <inheritdoc/>
    public override bool Contains(object value) => value is bool;

    /// <inheritdoc/>
    public override string Describe() => $"{Name}: boolean";
}
