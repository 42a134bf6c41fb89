using System.Globalization;
using System.Text;

namespace MLNetNorm.Tests.TestData;

/// <summary>
/// Small files in the formats of the real data sets (/work/shared/data), for running the samples and the CLI when
/// MLNETNORM_DATA is not set: the real files when it is, generated stand-ins otherwise.
/// </summary>
internal static class SampleDataFiles
{
    /// <summary>Gets the real data folder from MLNETNORM_DATA, or null.</summary>
    public static string? RealDataFolder => Environment.GetEnvironmentVariable("MLNETNORM_DATA") is { Length: > 0 } folder && Directory.Exists(folder) ? folder : null;

    /// <summary>The folder holding <c>movie-review-polarity.tsv</c> and <c>corefx-issues-train.tsv</c>: the real one, or generated into <paramref name="scratch"/>.</summary>
    public static string TextFolder(string scratch)
    {
        if (RealDataFolder is { } real)
        {
            return Path.Combine(real, "text");
        }

        var folder = Path.Combine(scratch, "text");
        Directory.CreateDirectory(folder);
        WriteMovieReviews(Path.Combine(folder, "movie-review-polarity.tsv"), rows: 800);
        WriteIssues(Path.Combine(folder, "corefx-issues-train.tsv"), rows: 500);
        return folder;
    }

    /// <summary>A monthly single-series CSV like air-passengers.csv (<c>month,passengers</c>): the real file, or 144 generated months.</summary>
    public static string MonthlySeries(string scratch)
    {
        if (RealDataFolder is { } real)
        {
            return Path.Combine(real, "forecasting", "air-passengers.csv");
        }

        var path = Path.Combine(scratch, "monthly.csv");
        var (id, values) = GeneratedSeries.Sines(1, 144, period: 12, seed: 3)[0];
        File.WriteAllLines(path, new[] { "month,passengers" }.Concat(values.Select((v, t) =>
            string.Create(CultureInfo.InvariantCulture, $"{1949 + t / 12}-{t % 12 + 1:D2},{v:F1}"))));
        return path;
    }

    /// <summary>Writes a long-format CSV (<c>series_id,t,value</c>, like m4-hourly-train.csv) of <paramref name="series"/> generated series.</summary>
    public static string LongFormatSeries(string scratch, int series, int length, int period)
    {
        var path = Path.Combine(scratch, "long.csv");
        File.WriteAllLines(path, new[] { "series_id,t,value" }.Concat(GeneratedSeries.Sines(series, length, period, seed: 5)
            .SelectMany(s => s.Values.Select((v, t) => string.Create(CultureInfo.InvariantCulture, $"{s.Id},{t},{v:R}")))));
        return path;
    }

    /// <summary>Writes an MR-shaped TSV (<c>Label, Fold, Text</c>): two keyword classes labelled 0/1 in turn, both in every fold 0–9.</summary>
    public static void WriteMovieReviews(string path, int rows)
    {
        var text = new StringBuilder("Label\tFold\tText\n");
        foreach (var (row, i) in KeywordCorpus.Rows(rows, seed: 11, classes: 2).Select((r, i) => (r, i)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{Array.IndexOf(KeywordCorpus.Classes, row.Label)}\t{i / 2 % 10}\t{row.Text} .\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes a corefx-shaped TSV (<c>ID, Area, Title, Description</c>, CSV-quoted descriptions with <c>""</c> escapes).</summary>
    public static void WriteIssues(string path, int rows)
    {
        var text = new StringBuilder("ID\tArea\tTitle\tDescription\n");
        foreach (var (row, i) in KeywordCorpus.Rows(rows, seed: 12).Select((r, i) => (r, i)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{20000 + i}\tarea-{row.Label}\t{row.Title} {row.Text}\t\"{row.Text}, \"\"quoted\"\" again\"\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
