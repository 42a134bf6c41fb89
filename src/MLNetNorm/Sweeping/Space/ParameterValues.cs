using System.Globalization;

namespace MLNetNorm.Sweeping.Space;

/// <summary>
/// The canonical parameter value types (string, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>) and the
/// conversions into them, so that a value compares, prints and serializes the same way wherever it came from.
/// </summary>
internal static class ParameterValues
{
    /// <summary>Converts a user-supplied value (any integer, float, string, bool or enum) to its canonical form.</summary>
    public static object Normalize(object value, string parameter) => value switch
    {
        string or bool or long => value,
        double d when double.IsFinite(d) => d,
        float f when float.IsFinite(f) => (double)f,
        double or float => throw new ArgumentException($"Sweep parameter '{parameter}': value {value} is not a finite number.", nameof(value)),
        int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        null => throw new ArgumentNullException(nameof(value), $"Sweep parameter '{parameter}': value is null."),
        _ => throw new ArgumentException($"Sweep parameter '{parameter}': values of type {value.GetType().Name} are not supported (use string, integer, float, bool or enum).", nameof(value)),
    };

    /// <summary>The kind name used in messages and descriptions.</summary>
    public static string KindOf(object value) => value switch
    {
        string => "string",
        long => "integer",
        double => "float",
        bool => "boolean",
        _ => value.GetType().Name,
    };

    /// <summary>Formats a canonical value for display and for the JSON form (doubles always carry a '.' or exponent so that they read back as doubles).</summary>
    public static string Format(object value) => value switch
    {
        double d => FormatDouble(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => (string)value,
    };

    private static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E', 'e']) >= 0 ? text : text + ".0";
    }
}
