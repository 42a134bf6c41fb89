namespace MLNetNorm.Sweeping.Space;

/// <summary>A parameter that takes one of a list of values of one type (strings, enum names, integers, floats or booleans).</summary>
public sealed class ChoiceParameter : SweepParameter
{
    /// <summary>Creates a choice among <paramref name="values"/>.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="values">The choices: at least one, all of one type, no duplicates. Enum values are stored by name.</param>
    /// <exception cref="ArgumentException">The list is empty, mixes types or repeats a value.</exception>
    public ChoiceParameter(string name, IEnumerable<object> values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values.Select(v => ParameterValues.Normalize(v, name)).ToArray();
        if (Values.Count == 0)
        {
            throw new ArgumentException($"Choice parameter '{name}' needs at least one value.", nameof(values));
        }

        if (Values.Select(v => v.GetType()).Distinct().Count() > 1)
        {
            throw new ArgumentException($"Choice parameter '{name}' mixes value types ({string.Join(", ", Values.Select(ParameterValues.KindOf).Distinct())}); use one type.", nameof(values));
        }

        var duplicate = Values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Choice parameter '{name}' lists value '{ParameterValues.Format(duplicate.Key)}' more than once.", nameof(values));
        }
    }

    /// <summary>Gets the choices in canonical form, in the order given.</summary>
    public IReadOnlyList<object> Values { get; }

    /// <inheritdoc/>
    public override object Sample(Random random) => Values[random.Next(Values.Count)];

    /// <inheritdoc/>
    public override IReadOnlyList<object> GridValues(int steps) => Values;

    /// <inheritdoc/>
    public override bool Contains(object value) => Values.Contains(value);

    /// <inheritdoc/>
    public override string Describe() => $"{Name}: choice {ParameterValues.KindOf(Values[0])} {{{string.Join(", ", Values.Select(ParameterValues.Format))}}}";
}
