using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Cli.Text;
using Spectre.Console;

namespace MLNetNorm.Cli.Commands;

/// <summary><c>mlnetnorm classify predict</c>: writes the predicted class and class probabilities of each row of a TSV file to CSV.</summary>
internal static class ClassifyPredictCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var modelPath = new Option<FileInfo>("--model") { Description = "A model zip saved by `classify train`.", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "File to classify (TSV with a header holding the text columns; no label needed).", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "CSV to write: row, predicted class, one probability column per class.", Required = true };
        var quoting = ClassifyCommand.QuotingOption();
        var command = new Command("predict", "Classify the rows of a file and write the predictions to CSV.") { modelPath, input, output, quoting };
        command.SetAction(parse =>
        {
            Run(parse.GetValue(modelPath)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(quoting));
            return 0;
        });
        return command;
    }

    private static void Run(FileInfo modelPath, FileInfo input, FileInfo output, bool quoting)
    {
        var mlContext = new MLContext(1);
        var file = TextModelFile.Load(mlContext, modelPath.FullName);
        var data = TsvFile.Load(mlContext, input.FullName, file.Classifier.TextColumnNames, quoting);

        // Only the classifier: the label mapping of the saved pipeline would need a label column.
        var scored = file.Classifier.Transform(data);
        using var cursor = scored.GetRowCursor(scored.Schema.Where(c => c.Name is "PredictedLabel" or "Score"));
        var getPredicted = cursor.GetGetter<uint>(scored.Schema["PredictedLabel"]);
        var getScore = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
        using var writer = new StreamWriter(output.FullName, append: false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(',', new[] { "Row", "PredictedLabel" }.Concat(file.ClassNames.Select(n => "P(" + n + ")")).Select(Csv)));
        uint predicted = 0;
        var score = default(VBuffer<float>);
        var rows = 0;
        while (cursor.MoveNext())
        {
            getPredicted(ref predicted);
            getScore(ref score);
            var fields = new[] { rows.ToString(CultureInfo.InvariantCulture), file.ClassNames[(int)predicted - 1] }
                .Concat(score.DenseValues().Select(p => p.ToString("R", CultureInfo.InvariantCulture)));
            writer.WriteLine(string.Join(',', fields.Select(Csv)));
            rows++;
        }

        AnsiConsole.WriteLine($"Wrote {rows} predictions to {output.FullName}");
    }

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
