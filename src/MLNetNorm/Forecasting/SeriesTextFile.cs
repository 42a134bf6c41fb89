using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.Forecasting;

/// <summary>
/// A comma-separated file with a header, loaded with ML.NET's <c>TextLoader</c> as long-format series data, and the
/// column names to give <see cref="LayerNormRnnForecasterOptions"/>.
/// </summary>
/// <param name="Data">The rows: the series column as text, the time column as double, the value column as float.</param>
/// <param name="SeriesColumnName">The series column, or null for a single-series file.</param>
/// <param name="TimeColumnName">The numeric time column, or null when time is the row order.</param>
/// <param name="ValueColumnName">The value column.</param>
/// <param name="TimeIsRowOrder">True when a time column was named but is not numeric (e.g. <c>1949-01</c>), so the row order is used.</param>
public sealed record SeriesTextFile(IDataView Data, string? SeriesColumnName, string? TimeColumnName, string ValueColumnName, bool TimeIsRowOrder)
{
    /// <summary>
    /// Loads <paramref name="path"/>. Only the header line is read directly (to find the columns by name); the rows go
    /// through <c>TextLoader</c>. Defaults: the series column is <c>series_id</c> when present (otherwise the file is one
    /// series), the time column <c>t</c> when present (otherwise row order), the value column <c>value</c>. A time column
    /// whose values are not all numbers (dates such as <c>1949-01</c>) is ignored and the row order is the time. Empty
    /// values load as missing (NaN), which training and forecasting reject with the series and time named.
    /// </summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="path">The file.</param>
    /// <param name="seriesColumn">The series column; null for <c>series_id</c> if present.</param>
    /// <param name="timeColumn">The time column; null for <c>t</c> if present.</param>
    /// <param name="valueColumn">The value column; null for <c>value</c>.</param>
    /// <returns>The data and the resolved column names.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A named column is not in the header.</exception>
    public static SeriesTextFile Load(MLContext mlContext, string path, string? seriesColumn = null, string? timeColumn = null, string? valueColumn = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        }

        var header = (File.ReadLines(path).FirstOrDefault() ?? string.Empty).Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        int Index(string name, string role) => Array.IndexOf(header, name) is var i and >= 0 ? i
            : throw new ArgumentException($"The {role} column '{name}' is not in the header of '{path}' (columns: {string.Join(", ", header)}).");

        var series = seriesColumn ?? (header.Contains("series_id") ? "series_id" : null);
        var time = timeColumn ?? (header.Contains("t") ? "t" : null);
        var value = valueColumn ?? "value";
        var valueIndex = Index(value, "value");
        var seriesIndex = series is null ? -1 : Index(series, "series");
        var timeIndex = time is null ? -1 : Index(time, "time");

        var timeIsRowOrder = false;
        if (time is not null)
        {
            var asText = mlContext.Data.LoadFromTextFile(path, [new TextLoader.Column(time, DataKind.String, timeIndex)], separatorChar: ',', hasHeader: true);
            timeIsRowOrder = asText.GetColumn<ReadOnlyMemory<char>>(time)
                .Any(t => !double.TryParse(t.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        }

        var columns = new List<TextLoader.Column> { new(value, DataKind.Single, valueIndex) };
        if (series is not null)
        {
            columns.Add(new TextLoader.Column(series, DataKind.String, seriesIndex));
        }

        if (time is not null && !timeIsRowOrder)
        {
            columns.Add(new TextLoader.Column(time, DataKind.Double, timeIndex));
        }

        // Empty value fields must load as NaN (missing), which the reader reports, not as TextLoader's default 0.
        var loader = mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = columns.ToArray(), Separators = [','], HasHeader = true, AllowQuoting = true, MissingRealsAsNaNs = true,
        });
        var data = loader.Load(path);
        return new SeriesTextFile(data, series, timeIsRowOrder ? null : time, value, timeIsRowOrder);
    }

    /// <summary>Reads the series in time order (for baselines, evaluation and plots).</summary>
    /// <returns>Each series' id and values, in ordinal order of the ids.</returns>
    public IReadOnlyList<(string Id, float[] Values)> ReadSeries() =>
        SeriesTableReader.Read(Data, SeriesColumnName, TimeColumnName, ValueColumnName).Select(s => (s.Id, s.Values)).ToList();
}
