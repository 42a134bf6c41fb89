using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.DataView;

/// <summary>Reads and extends <see cref="SchemaShape"/>s for the library's estimators.</summary>
internal static class SchemaShapes
{
    /// <summary>Finds the column named <paramref name="name"/> (the last one, as ML.NET's lookups do), or null.</summary>
    public static SchemaShape.Column? Find(SchemaShape shape, string name) =>
        shape.Where(c => c.Name == name).Select(c => (SchemaShape.Column?)c).LastOrDefault();

    /// <summary>Returns <paramref name="input"/> with the given columns added, each replacing any column of the same name.</summary>
    /// <remarks>
    /// ML.NET offers estimators outside ML.NET no public way to describe a new column: <c>SchemaShape.Column</c>'s
    /// constructor is internal (allow-listed in MLNetInternalsAllowListTests).
    /// </remarks>
    public static SchemaShape WithColumns(SchemaShape input, params SchemaShape.Column[] columns)
    {
        var names = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return new SchemaShape(input.Where(c => !names.Contains(c.Name)).Concat(columns));
    }

    /// <summary>Describes a known-size vector column of <paramref name="itemType"/>, with optional annotation columns.</summary>
    public static SchemaShape.Column Vector(string name, DataViewType itemType, SchemaShape? annotations = null) =>
        new(name, SchemaShape.Column.VectorKind.Vector, itemType, isKey: false, annotations);

    /// <summary>Describes a scalar column of <paramref name="type"/>.</summary>
    public static SchemaShape.Column Scalar(string name, DataViewType type, bool isKey = false) =>
        new(name, SchemaShape.Column.VectorKind.Scalar, type, isKey);
}
