using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.Cli.Text;

/// <summary>Loads named text columns of a tab-separated file with a header through ML.NET's <see cref="TextLoader"/>.</summary>
internal static class TsvFile
{
    /// <summary>Loads <paramref name="columns"/> (by header name) as text columns of the same names.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="path">The file; its first line names the columns.</param>
    /// <param name="columns">The columns to load.</param>
    /// <param name="quoting">
    /// Whether fields may be enclosed in double quotes with <c>""</c> escapes (CSV-style, e.g. GitHub issue exports).
    /// Leave it off for files whose text merely contains quote characters, such as the MR sentences.
    /// </param>
    public static IDataView Load(MLContext mlContext, string path, IReadOnlyList<string> columns, bool quoting)
    {
        var header = ReadHeader(path);
        var loaderColumns = columns.Select(name =>
        {
            var index = Array.IndexOf(header, name);
            return index >= 0
                ? new TextLoader.Column(name, DataKind.String, index)
                : throw new ArgumentException($"Column '{name}' is not in the header of '{path}' (columns: {string.Join(", ", header)}).");
        }).ToArray();
        var loader = mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true,
            Separators = ['\t'],
            AllowQuoting = quoting,
            Columns = loaderColumns,
        });
        return loader.Load(path);
    }

    /// <summary>Returns the column names of the file's header line.</summary>
    public static string[] ReadHeader(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"File '{path}' does not exist.", path);
        }

        var first = File.ReadLines(path).FirstOrDefault()
            ?? throw new ArgumentException($"File '{path}' is empty; it needs a header line naming its tab-separated columns.");
        return first.Split('\t').Select(n => n.Trim().Trim('"')).ToArray();
    }
}
