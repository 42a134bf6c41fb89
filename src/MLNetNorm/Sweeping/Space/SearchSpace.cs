using System.Collections;

namespace MLNetNorm.Sweeping.Space;

/// <summary>
/// The named options a sweep varies and their domains, like AutoML's search space: choices, integer and float ranges
/// (linear or log) and booleans. Build it fluently: <c>new SearchSpace().AddChoice("NormKind", NormKind.LayerNorm, NormKind.RmsNorm).AddFloat("LearningRate", 1e-4, 1e-2, logScale: true)</c>.
/// </summary>
public sealed class SearchSpace : IReadOnlyList<SweepParameter>
{
    private readonly List<SweepParameter> _parameters = [];

    /// <summary>Gets the number of parameters.</summary>
    public int Count => _parameters.Count;

    /// <summary>Gets the parameter at <paramref name="index"/>.</summary>
    /// <param name="index">The position, in the order added.</param>
    public SweepParameter this[int index] => _parameters[index];

    /// <summary>Adds a parameter.</summary>
    /// <param name="parameter">The parameter; its name must be new to the space.</param>
    /// <returns>This space, for chaining.</returns>
    /// <exception cref="ArgumentException">The name is already used.</exception>
    public SearchSpace Add(SweepParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (_parameters.Any(p => p.Name == parameter.Name))
        {
            throw new ArgumentException($"The search space already has a parameter named '{parameter.Name}'.", nameof(parameter));
        }

        _parameters.Add(parameter);
        return this;
    }

    /// <summary>Adds a choice among <paramref name="values"/> (strings, numbers or booleans, all of one type).</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="values">The choices.</param>
    /// <returns>This space.</returns>
    public SearchSpace AddChoice(string name, params object[] values) => Add(new ChoiceParameter(name, values));

    /// <summary>Adds a choice among enum members, stored by name (e.g. <c>NormKind.LayerNorm</c> as <c>"LayerNorm"</c>).</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="name">The parameter's name.</param>
    /// <param name="values">The members to choose from; all members when empty.</param>
    /// <returns>This space.</returns>
    public SearchSpace AddChoice<TEnum>(string name, params TEnum[] values)
        where TEnum : struct, Enum => Add(new ChoiceParameter(name, (values.Length > 0 ? values : Enum.GetValues<TEnum>()).Select(v => (object)v)));

    /// <summary>Adds an integer range with both ends included.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="minimum">The smallest value.</param>
    /// <param name="maximum">The largest value.</param>
    /// <param name="logScale">Whether to sample log-uniformly.</param>
    /// <returns>This space.</returns>
    public SearchSpace AddInteger(string name, long minimum, long maximum, bool logScale = false) => Add(new IntegerRangeParameter(name, minimum, maximum, logScale));

    /// <summary>Adds a float range.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="minimum">The smallest value.</param>
    /// <param name="maximum">The largest value.</param>
    /// <param name="logScale">Whether to sample log-uniformly.</param>
    /// <returns>This space.</returns>
    public SearchSpace AddFloat(string name, double minimum, double maximum, bool logScale = false) => Add(new FloatRangeParameter(name, minimum, maximum, logScale));

    /// <summary>Adds a boolean.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>This space.</returns>
    public SearchSpace AddBoolean(string name) => Add(new BooleanParameter(name));

    /// <summary>Draws every parameter independently and uniformly (log-uniformly for log ranges).</summary>
    /// <param name="random">The source of randomness.</param>
    public ParameterSet Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        RequireParameters();
        return new ParameterSet(_parameters.Select(p => new KeyValuePair<string, object>(p.Name, p.Sample(random))).ToArray());
    }

    /// <summary>Enumerates the grid: the Cartesian product of every parameter's <see cref="SweepParameter.GridValues"/>, the last parameter varying fastest.</summary>
    /// <param name="steps">The number of points per numeric range (at least 2).</param>
    public IEnumerable<ParameterSet> Grid(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        RequireParameters();
        IEnumerable<IReadOnlyList<KeyValuePair<string, object>>> product = [[]];
        foreach (var parameter in _parameters)
        {
            var values = parameter.GridValues(steps);
            product = product.SelectMany(prefix => values.Select(v => (IReadOnlyList<KeyValuePair<string, object>>)[.. prefix, new(parameter.Name, v)]));
        }

        return product.Select(assignment => new ParameterSet(assignment));
    }

    /// <summary>Returns the number of grid points for <paramref name="steps"/> points per numeric range.</summary>
    /// <param name="steps">The number of points per numeric range.</param>
    public long GridSize(int steps) => _parameters.Aggregate(1L, (size, p) => checked(size * p.GridValues(steps).Count));

    /// <summary>Throws unless <paramref name="parameters"/> assigns exactly this space's parameters, each a value of its domain.</summary>
    /// <param name="parameters">A parameter set, e.g. read back from storage.</param>
    /// <exception cref="ArgumentException">A parameter is missing, unknown, or out of its domain; the message names it.</exception>
    public void Validate(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var unknown = parameters.Names.Except(_parameters.Select(p => p.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Parameters not in the search space: {string.Join(", ", unknown)}.", nameof(parameters));
        }

        foreach (var parameter in _parameters)
        {
            if (!parameters.Contains(parameter.Name))
            {
                throw new ArgumentException($"The parameter set lacks '{parameter.Name}'.", nameof(parameters));
            }

            if (!parameter.Contains(parameters[parameter.Name]))
            {
                throw new ArgumentException($"Parameter '{parameter.Name}' = {ParameterValues.Format(parameters[parameter.Name])} is outside its domain ({parameter.Describe()}).", nameof(parameters));
            }
        }
    }

    /// <summary>Returns one line per parameter describing its domain; studies store it to refuse resuming with a different space.</summary>
    public string Describe() => string.Join("\n", _parameters.Select(p => p.Describe()));

    /// <inheritdoc/>
    public IEnumerator<SweepParameter> GetEnumerator() => _parameters.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void RequireParameters()
    {
        if (_parameters.Count == 0)
        {
            throw new InvalidOperationException("The search space has no parameters.");
        }
    }
}
