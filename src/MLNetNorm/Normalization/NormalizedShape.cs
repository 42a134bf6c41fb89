using static TorchSharp.torch;

namespace MLNetNorm.Normalization;

/// <summary>Checks shared by the normalization modules: the trailing dimensions of an input must match the normalized shape.</summary>
internal static class NormalizedShape
{
    /// <summary>Validates a normalized shape given to a constructor and returns a defensive copy.</summary>
    public static long[] Validate(long[] normalizedShape, string paramName)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape, paramName);
        if (normalizedShape.Length == 0 || normalizedShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"The normalized shape must be one or more positive sizes, got [{string.Join(", ", normalizedShape)}].", paramName);
        }

        return (long[])normalizedShape.Clone();
    }

    /// <summary>Throws when <paramref name="input"/>'s trailing dimensions are not <paramref name="normalizedShape"/>.</summary>
    public static void CheckInput(Tensor input, long[] normalizedShape, string module)
    {
        var shape = input.shape;
        var offset = shape.Length - normalizedShape.Length;
        var matches = offset >= 0;
        for (var i = 0; matches && i < normalizedShape.Length; i++)
        {
            matches = shape[offset + i] == normalizedShape[i];
        }

        if (!matches)
        {
            throw new ArgumentException(
                $"{module} normalizes over trailing dimensions [{string.Join(", ", normalizedShape)}], " +
                $"but the input has shape [{string.Join(", ", shape)}].");
        }
    }

    /// <summary>The number of elements normalized together (the product of the normalized shape).</summary>
    public static long Features(long[] normalizedShape) => normalizedShape.Aggregate(1L, (a, b) => a * b);
}
