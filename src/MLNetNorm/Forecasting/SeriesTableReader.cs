using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.Forecasting;

/// <summary>
/// Reads long-format data (series id, time, value per row) into one <see cref="SeriesData"/> per series, checking every
/// row: missing or non-finite values and times, and duplicate times within a series, fail with the series and time named.
/// Rows of a series may come in any order; they are sorted by time (stably).
/// </summary>
internal static class SeriesTableReader
{
    /// <summary>The series name used when the data have no series column.</summary>
    public const string SingleSeriesId = "series";

    public static List<SeriesData> Read(IDataView data, string? seriesColumn, string? timeColumn, string valueColumn)
    {
        ArgumentNullException.ThrowIfNull(data);
        var schema = data.Schema;
        var value = Require(schema, valueColumn, "value", t => t == NumberDataViewType.Single || t == NumberDataViewType.Double);
        var time = timeColumn is null ? (DataViewSchema.Column?)null : Require(schema, timeColumn, "time", IsNumber);
        var series = seriesColumn is null ? (DataViewSchema.Column?)null
            : Require(schema, seriesColumn, "series", t => t is TextDataViewType || IsNumber(t));

        var active = new[] { value, time, series }.Where(c => c is not null).Select(c => c!.Value).ToArray();
        var rows = new Dictionary<string, List<(double Time, float Value)>>(StringComparer.Ordinal);
        using (var cursor = data.GetRowCursor(active))
        {
            var getValue = NumberGetter(cursor, value);
            var getTime = time is { } tc ? NumberGetter(cursor, tc) : null;
            var getSeries = series is { } sc ? IdGetter(cursor, sc) : null;
            long row = 0;
            while (cursor.MoveNext())
            {
                var id = getSeries?.Invoke() ?? SingleSeriesId;
                if (id.Length == 0)
                {
                    throw new InvalidOperationException($"Row {row}: the series id in column '{seriesColumn}' is empty.");
                }

                var t = getTime?.Invoke() ?? row;
                if (!double.IsFinite(t))
                {
                    throw new InvalidOperationException($"Series '{id}', row {row}: the time in column '{timeColumn}' is missing or not finite ({t}).");
                }

                var v = getValue();
                if (!double.IsFinite(v) || !float.IsFinite((float)v))
                {
                    throw new InvalidOperationException(
                        $"Series '{id}', t = {t.ToString(CultureInfo.InvariantCulture)}: the value in column '{valueColumn}' is missing or not finite ({v}). " +
                        "Fill or drop missing observations before forecasting.");
                }

                if (!rows.TryGetValue(id, out var list))
                {
                    rows[id] = list = [];
                }

                list.Add((t, (float)v));
                row++;
            }
        }

        // Series in ordinal id order, not first appearance, so that the order of the rows never changes the model.
        var result = new List<SeriesData>(rows.Count);
        foreach (var id in rows.Keys.Order(StringComparer.Ordinal))
        {
            var sorted = rows[id].Select((r, i) => (r.Time, r.Value, i)).OrderBy(r => r.Time).ThenBy(r => r.i).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Time == sorted[i - 1].Time)
                {
                    throw new InvalidOperationException(
                        $"Series '{id}', t = {sorted[i].Time.ToString(CultureInfo.InvariantCulture)}: the time occurs more than once; each (series, time) must be unique.");
                }
            }

            result.Add(new SeriesData(id, sorted.Select(r => r.Value).ToArray(), sorted.Select(r => r.Time).ToArray()));
        }

        return result;
    }

    private static bool IsNumber(DataViewType type) =>
        type == NumberDataViewType.Single || type == NumberDataViewType.Double || type == NumberDataViewType.Int32 || type == NumberDataViewType.Int64
        || type == NumberDataViewType.UInt32 || type == NumberDataViewType.UInt64 || type == NumberDataViewType.Int16 || type == NumberDataViewType.UInt16;

    private static DataViewSchema.Column Require(DataViewSchema schema, string name, string role, Func<DataViewType, bool> accepts)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"The {role} column '{name}' was not found; the data have: {string.Join(", ", schema.Select(c => c.Name))}.");
        return accepts(column.Type)
            ? column
            : throw new ArgumentOutOfRangeException(nameof(schema), $"The {role} column '{name}' has type {column.Type}, which is not supported here.");
    }

    private static Func<double> NumberGetter(DataViewRow row, DataViewSchema.Column column)
    {
        var type = column.Type;
        if (type == NumberDataViewType.Single)
        {
            return Wrap<float>(row, column, v => v);
        }

        if (type == NumberDataViewType.Double)
        {
            return Wrap<double>(row, column, v => v);
        }

        if (type == NumberDataViewType.Int32)
        {
            return Wrap<int>(row, column, v => v);
        }

        if (type == NumberDataViewType.Int64)
        {
            return Wrap<long>(row, column, v => v);
        }

        if (type == NumberDataViewType.UInt32)
        {
            return Wrap<uint>(row, column, v => v);
        }

        if (type == NumberDataViewType.UInt64)
        {
            return Wrap<ulong>(row, column, v => v);
        }

        return type == NumberDataViewType.Int16 ? Wrap<short>(row, column, v => v) : Wrap<ushort>(row, column, v => v);
    }

    private static Func<double> Wrap<T>(DataViewRow row, DataViewSchema.Column column, Func<T, double> convert)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return convert(value);
        };
    }

    private static Func<string> IdGetter(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type is TextDataViewType)
        {
            var getter = row.GetGetter<ReadOnlyMemory<char>>(column);
            var text = default(ReadOnlyMemory<char>);
            return () =>
            {
                getter(ref text);
                return text.ToString();
            };
        }

        var number = NumberGetter(row, column);
        return () => number().ToString(CultureInfo.InvariantCulture);
    }
}
