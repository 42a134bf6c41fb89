using System.Text;
using System.Text.Json;

namespace MLNetNorm.Sweeping.Space;

/// <summary>
/// One trial's assignment of values to the parameters of a <see cref="SearchSpace"/>, with typed accessors, a stable
/// JSON form (<see cref="ToJson"/> / <see cref="FromJson"/>) and <see cref="ApplyTo"/>, which sets options properties by name.
/// </summary>
/// <remarks>
/// Values are canonical: strings (choices and enum names), <see cref="long"/>, <see cref="double"/> and <see cref="bool"/>.
/// Two sets are equal when they hold the same names and values in the same order, which is what their JSON compares.
/// </remarks>
public sealed class ParameterSet : IEquatable<ParameterSet>
{
    private readonly KeyValuePair<string, object>[] _values;
    private readonly Dictionary<string, object> _byName;

    /// <summary>Creates a set from name/value pairs; values are converted to canonical form (ints to long, enums to names, ...).</summary>
    /// <param name="values">The assignments, in display order.</param>
    /// <exception cref="ArgumentException">A name repeats or a value has an unsupported type.</exception>
    public ParameterSet(IEnumerable<KeyValuePair<string, object>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.Select(p => new KeyValuePair<string, object>(p.Key, ParameterValues.Normalize(p.Value, p.Key))).ToArray();
        _byName = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in _values)
        {
            if (!_byName.TryAdd(name, value))
            {
                throw new ArgumentException($"Parameter '{name}' is assigned more than once.", nameof(values));
            }
        }
    }

    /// <summary>Gets the assignments in order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Values => _values;

    /// <summary>Gets the parameter names in order.</summary>
    public IEnumerable<string> Names => _values.Select(p => p.Key);

    /// <summary>Gets the canonical value of <paramref name="name"/>.</summary>
    /// <param name="name">A parameter name.</param>
    /// <exception cref="KeyNotFoundException">The set has no such parameter; the message lists the ones it has.</exception>
    public object this[string name] => _byName.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"The parameter set has no parameter '{name}'; it has: {string.Join(", ", Names)}.");

    /// <summary>Returns whether the set assigns <paramref name="name"/>.</summary>
    /// <param name="name">A parameter name.</param>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Gets a string (choice) parameter.</summary>
    /// <param name="name">A parameter name.</param>
    public string GetString(string name) => Get<string>(name);

    /// <summary>Gets a boolean parameter.</summary>
    /// <param name="name">A parameter name.</param>
    public bool GetBoolean(string name) => Get<bool>(name);

    /// <summary>Gets an integer parameter as <see cref="long"/>.</summary>
    /// <param name="name">A parameter name.</param>
    public long GetInt64(string name) => Get<long>(name);

    /// <summary>Gets an integer parameter as <see cref="int"/>.</summary>
    /// <param name="name">A parameter name.</param>
    /// <exception cref="OverflowException">The value does not fit an <see cref="int"/>.</exception>
    public int GetInt32(string name)
    {
        var value = GetInt64(name);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new OverflowException($"Parameter '{name}' = {value} does not fit an int.");
    }

    /// <summary>Gets a float or integer parameter as <see cref="double"/>.</summary>
    /// <param name="name">A parameter name.</param>
    public double GetDouble(string name) => this[name] is long l ? l : Get<double>(name);

    /// <summary>Gets a choice parameter as a value of <typeparamref name="TEnum"/>.</summary>
    /// <typeparam name="TEnum">The enum whose member names the choices are.</typeparam>
    /// <param name="name">A parameter name.</param>
    /// <exception cref="ArgumentException">The value is not a member name of <typeparamref name="TEnum"/>.</exception>
    public TEnum GetEnum<TEnum>(string name)
        where TEnum : struct, Enum => (TEnum)ParameterBinding.ToEnum(typeof(TEnum), GetString(name), name);

    /// <summary>Sets every public settable property of <paramref name="options"/> named like a parameter to its value.</summary>
    /// <param name="options">An options object, e.g. a NeuralTrainerOptions subclass.</param>
    /// <exception cref="ArgumentException">A parameter names no settable property, or its value cannot be converted to the property's type without loss; the message names both.</exception>
    /// <remarks>Conversions: strings to enums (by member name) and strings; integers to any integer type (range-checked) or float type; floats to float types; booleans to bool. Nullable properties take the underlying type.</remarks>
    public void ApplyTo(object options) => ParameterBinding.Apply(this, options);

    /// <summary>Returns the stable JSON form, e.g. <c>{"NormKind":"PreNorm","LearningRate":0.001,"Layers":4}</c>; floats always carry a '.' or an exponent.</summary>
    public string ToJson()
    {
        var builder = new StringBuilder("{");
        foreach (var (name, value) in _values)
        {
            builder.Append(builder.Length > 1 ? "," : string.Empty).Append(JsonSerializer.Serialize(name)).Append(':')
                .Append(value is string s ? JsonSerializer.Serialize(s) : ParameterValues.Format(value));
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Reads the form written by <see cref="ToJson"/>: numbers with a '.' or exponent are floats, other numbers integers.</summary>
    /// <param name="json">A JSON object of parameter names to string, number or boolean values.</param>
    /// <exception cref="FormatException">The text is not such an object.</exception>
    public static ParameterSet FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"A parameter set must be a JSON object; got {document.RootElement.ValueKind}.");
            }

            return new ParameterSet(document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, object>(p.Name, ReadValue(p))).ToArray());
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Not a valid parameter-set JSON: {exception.Message}", exception);
        }
    }

    /// <summary>Returns <c>name=value</c> pairs separated by commas, for display.</summary>
    public override string ToString() => string.Join(", ", _values.Select(p => $"{p.Key}={ParameterValues.Format(p.Value)}"));

    /// <inheritdoc/>
    public bool Equals(ParameterSet? other) => other is not null && ToJson() == other.ToJson();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ParameterSet);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToJson());

    private T Get<T>(string name) => this[name] is T typed
        ? typed
        : throw new InvalidCastException($"Parameter '{name}' is a {ParameterValues.KindOf(this[name])} ({ParameterValues.Format(this[name])}), not a {typeof(T).Name}.");

    private static object ReadValue(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when property.Value.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0 => property.Value.GetDouble(),
        JsonValueKind.Number => property.Value.TryGetInt64(out var integer) ? integer
            : throw new FormatException($"Parameter '{property.Name}': integer {property.Value.GetRawText()} is out of range."),
        _ => throw new FormatException($"Parameter '{property.Name}' must be a string, number or boolean; got {property.Value.ValueKind}."),
    };
}
