using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.TextClassification;

/// <summary>
/// The values behind a key-typed label (its <c>KeyValues</c> annotation), kept in the model so that
/// <c>PredictedLabel</c> carries them and <c>MapKeyToValue</c> and per-class metrics work after loading.
/// </summary>
internal sealed class LabelKeyValues
{
    private const string KeyValuesKind = "KeyValues";

    private static readonly DataViewType[] Supported =
    [
        TextDataViewType.Instance, NumberDataViewType.Single, NumberDataViewType.Double, NumberDataViewType.Int32,
        NumberDataViewType.Int64, NumberDataViewType.UInt32, NumberDataViewType.UInt64, BooleanDataViewType.Instance,
    ];

    private readonly Array _values;

    private LabelKeyValues(DataViewType itemType, Array values)
    {
        ItemType = itemType;
        _values = values;
        Names = values.Cast<object>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
    }

    /// <summary>Gets the type of the values.</summary>
    public DataViewType ItemType { get; }

    /// <summary>Gets the values as text, one per class, for slot names and messages.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the key values of <paramref name="column"/>, or null when it has none of a supported type or the wrong count.</summary>
    public static LabelKeyValues? FromColumn(DataViewSchema.Column column, int classes)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(KeyValuesKind);
        if (annotation?.Type is not VectorDataViewType { Size: var size } vector || size != classes)
        {
            return null;
        }

        var index = Array.IndexOf(Supported, vector.ItemType);
        return index switch
        {
            0 => Read<ReadOnlyMemory<char>>(column, vector.ItemType, v => v.ToString()),
            1 => Read<float>(column, vector.ItemType, v => v),
            2 => Read<double>(column, vector.ItemType, v => v),
            3 => Read<int>(column, vector.ItemType, v => v),
            4 => Read<long>(column, vector.ItemType, v => v),
            5 => Read<uint>(column, vector.ItemType, v => v),
            6 => Read<ulong>(column, vector.ItemType, v => v),
            7 => Read<bool>(column, vector.ItemType, v => v),
            _ => null,
        };
    }

    /// <summary>Adds the values as the <c>KeyValues</c> annotation of a key column.</summary>
    public void AddKeyValues(DataViewSchema.Annotations.Builder builder)
    {
        switch (_values)
        {
            case string[] text: Add(builder, text.Select(t => t.AsMemory()).ToArray()); break;
            case float[] v: Add(builder, v); break;
            case double[] v: Add(builder, v); break;
            case int[] v: Add(builder, v); break;
            case long[] v: Add(builder, v); break;
            case uint[] v: Add(builder, v); break;
            case ulong[] v: Add(builder, v); break;
            case bool[] v: Add(builder, v); break;
            default: throw new InvalidOperationException($"Unsupported key value array {_values.GetType()}.");
        }
    }

    /// <summary>Writes the type and values.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Array.IndexOf(Supported, ItemType));
        writer.Write(_values.Length);
        foreach (var value in _values)
        {
            switch (value)
            {
                case string v: writer.Write(v); break;
                case float v: writer.Write(v); break;
                case double v: writer.Write(v); break;
                case int v: writer.Write(v); break;
                case long v: writer.Write(v); break;
                case uint v: writer.Write(v); break;
                case ulong v: writer.Write(v); break;
                case bool v: writer.Write(v); break;
                default: throw new InvalidOperationException($"Unsupported key value {value.GetType()}.");
            }
        }
    }

    /// <summary>Reads values written by <see cref="Write"/>.</summary>
    public static LabelKeyValues Read(BinaryReader reader)
    {
        var index = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (index < 0 || index >= Supported.Length || count < 0 || count > reader.BaseStream.Length)
        {
            throw new InvalidDataException($"Stored label values are invalid (type {index}, count {count}).");
        }

        Array values = index switch
        {
            0 => ReadArray(count, reader.ReadString),
            1 => ReadArray(count, reader.ReadSingle),
            2 => ReadArray(count, reader.ReadDouble),
            3 => ReadArray(count, reader.ReadInt32),
            4 => ReadArray(count, reader.ReadInt64),
            5 => ReadArray(count, reader.ReadUInt32),
            6 => ReadArray(count, reader.ReadUInt64),
            _ => ReadArray(count, reader.ReadBoolean),
        };
        return new LabelKeyValues(Supported[index], values);
    }

    private static T[] ReadArray<T>(int count, Func<T> read) => Enumerable.Range(0, count).Select(_ => read()).ToArray();

    private static LabelKeyValues Read<T>(DataViewSchema.Column column, DataViewType itemType, Func<T, object> convert)
    {
        var buffer = default(VBuffer<T>);
        column.Annotations.GetValue(KeyValuesKind, ref buffer);
        var values = buffer.DenseValues().Select(convert).ToArray();
        Array typed = values switch
        {
            _ when typeof(T) == typeof(ReadOnlyMemory<char>) => values.Cast<string>().ToArray(),
            _ => ToTyped<T>(values),
        };
        return new LabelKeyValues(itemType, typed);
    }

    private static T[] ToTyped<T>(object[] values) => values.Cast<T>().ToArray();

    private void Add<T>(DataViewSchema.Annotations.Builder builder, T[] values)
    {
        var type = new VectorDataViewType((PrimitiveDataViewType)ItemType, values.Length);
        builder.Add(KeyValuesKind, type, (ref VBuffer<T> destination) => new VBuffer<T>(values.Length, values).CopyTo(ref destination));
    }
}
