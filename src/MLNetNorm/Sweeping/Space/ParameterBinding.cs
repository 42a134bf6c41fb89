using System.Reflection;

namespace MLNetNorm.Sweeping.Space;

/// <summary>Sets options properties from a <see cref="ParameterSet"/> by name, converting values without loss or failing with a message naming both.</summary>
internal static class ParameterBinding
{
    /// <summary>Applies every parameter of <paramref name="parameters"/> to the same-named property of <paramref name="options"/>.</summary>
    public static void Apply(ParameterSet parameters, object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var type = options.GetType();
        foreach (var (name, value) in parameters.Values)
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (property is null || !property.CanWrite || property.SetMethod?.IsPublic != true)
            {
                var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true).Select(p => p.Name).Order();
                throw new ArgumentException($"Sweep parameter '{name}' matches no public settable property of {type.Name}; settable properties: {string.Join(", ", settable)}.", nameof(parameters));
            }

            property.SetValue(options, Convert(value, property.PropertyType, name, $"{type.Name}.{property.Name}"));
        }
    }

    /// <summary>Parses an enum member name exactly (case-sensitive, no numbers), listing the valid names on failure.</summary>
    public static object ToEnum(Type enumType, string value, string parameter) =>
        Enum.GetNames(enumType).Contains(value, StringComparer.Ordinal)
            ? Enum.Parse(enumType, value)
            : throw new ArgumentException($"Sweep parameter '{parameter}' = '{value}' is not a member of {enumType.Name} ({string.Join(", ", Enum.GetNames(enumType))}).", nameof(value));

    private static object Convert(object value, Type propertyType, string parameter, string target)
    {
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        try
        {
            return (value, type) switch
            {
                (string s, { IsEnum: true }) => ToEnum(type, s, parameter),
                (string s, _) when type == typeof(string) => s,
                (bool b, _) when type == typeof(bool) => b,
                (long l, _) when type == typeof(int) => checked((int)l),
                (long l, _) when type == typeof(long) => l,
                (long l, _) when type == typeof(short) => checked((short)l),
                (long l, _) when type == typeof(double) => (double)l,
                (long l, _) when type == typeof(float) => (float)l,
                (double d, _) when type == typeof(double) => d,
                (double d, _) when type == typeof(float) => (float)d,
                _ => throw new ArgumentException($"Sweep parameter '{parameter}' is a {ParameterValues.KindOf(value)} ({ParameterValues.Format(value)}), which cannot set {target} of type {type.Name}."),
            };
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"Sweep parameter '{parameter}' = {ParameterValues.Format(value)} is out of range for {target} of type {type.Name}.");
        }
    }
}
