using System.Text.RegularExpressions;

namespace MLNetNorm.Sweeping.Space;

/// <summary>
/// One named dimension of a <see cref="SearchSpace"/>: a set of choices, an integer or float range (linear or log), or
/// a boolean. Values are strings, <see cref="long"/>, <see cref="double"/> or <see cref="bool"/> (see <see cref="ParameterSet"/>).
/// </summary>
public abstract partial class SweepParameter
{
    /// <summary>Initializes the parameter, checking that <paramref name="name"/> is an identifier (letters, digits, <c>_</c>, <c>.</c>).</summary>
    /// <param name="name">The parameter's name, usually the options property it sets.</param>
    /// <exception cref="ArgumentException">The name is empty or not an identifier.</exception>
    protected SweepParameter(string name)
    {
        if (string.IsNullOrEmpty(name) || !IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"Sweep parameter name '{name}' must start with a letter and contain only letters, digits, '_' or '.'.", nameof(name));
        }

        Name = name;
    }

    /// <summary>Gets the parameter's name.</summary>
    public string Name { get; }

    /// <summary>Draws a value uniformly (in log space for log ranges).</summary>
    /// <param name="random">The source of randomness.</param>
    public abstract object Sample(Random random);

    /// <summary>Returns the values a grid search visits: every choice, or <paramref name="steps"/> evenly spaced points of a range (geometrically for log ranges), ends included.</summary>
    /// <param name="steps">The number of points per numeric range (at least 2).</param>
    public abstract IReadOnlyList<object> GridValues(int steps);

    /// <summary>Returns whether <paramref name="value"/> has this parameter's type and lies in its domain.</summary>
    /// <param name="value">A value in canonical form (string, long, double or bool).</param>
    public abstract bool Contains(object value);

    /// <summary>Returns a one-line description of the domain, e.g. <c>LearningRate: float [0.0001, 0.01] log</c>; studies compare these to detect a changed search space.</summary>
    public abstract string Describe();

    /// <inheritdoc/>
    public override string ToString() => Describe();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.]*$")]
    private static partial Regex IdentifierPattern();
}
