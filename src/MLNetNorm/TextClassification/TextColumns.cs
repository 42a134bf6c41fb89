using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.TextClassification;

/// <summary>Checks the text and label columns of a schema, with errors that name the column and what is wrong.</summary>
internal static class TextColumns
{
    /// <summary>Returns the text columns, each of which must exist and be a scalar text column.</summary>
    public static DataViewSchema.Column[] CheckText(DataViewSchema schema, IReadOnlyList<string> names, string parameterName)
    {
        return names.Select(name =>
        {
            var column = schema.GetColumnOrNull(name)
                ?? throw new ArgumentOutOfRangeException(parameterName, $"Text column '{name}' was not found in the schema (columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}).");
            return column.Type is TextDataViewType
                ? column
                : throw new ArgumentOutOfRangeException(parameterName, $"Text column '{name}' must be of type String (text), but it is {column.Type}.");
        }).ToArray();
    }

    /// <summary>Returns the label column and its class count; it must be a UInt32 key (from <c>MapValueToKey</c>) with at least two values.</summary>
    public static (DataViewSchema.Column Column, int Classes) CheckLabel(DataViewSchema schema, string name, string parameterName)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(parameterName, $"Label column '{name}' was not found in the schema.");
        if (column.Type is not KeyDataViewType key || key.RawType != typeof(uint))
        {
            throw new ArgumentOutOfRangeException(parameterName,
                $"Label column '{name}' must be a key type (UInt32), but it is {column.Type}. Convert it first with " +
                $"mlContext.Transforms.Conversion.MapValueToKey(\"{name}\").");
        }

        if (key.Count < 2 || key.Count > 100_000)
        {
            throw new ArgumentOutOfRangeException(parameterName, $"Label column '{name}' has {key.Count} key values; classification needs between 2 and 100,000 classes.");
        }

        return (column, (int)key.Count);
    }
}
