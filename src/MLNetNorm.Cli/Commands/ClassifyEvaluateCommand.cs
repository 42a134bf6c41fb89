using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Cli.Text;
using Spectre.Console;

namespace MLNetNorm.Cli.Commands;

/// <summary><c>mlnetnorm classify evaluate</c>: scores a labelled TSV file with a saved text classifier and prints the metrics.</summary>
internal static class ClassifyEvaluateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var modelPath = new Option<FileInfo>("--model") { Description = "A model zip saved by `classify train`.", Required = true };
        var test = new Option<FileInfo>("--test") { Description = "Labelled test file (TSV with a header, same columns as the training file).", Required = true };
        var quoting = ClassifyCommand.QuotingOption();
        var command = new Command("evaluate", "Print micro and macro accuracy, log-loss and per-class F1 on a labelled file.") { modelPath, test, quoting };
        command.SetAction(parse =>
        {
            Run(parse.GetValue(modelPath)!, parse.GetValue(test)!, parse.GetValue(quoting));
            return 0;
        });
        return command;
    }

    private static void Run(FileInfo modelPath, FileInfo test, bool quoting)
    {
        var mlContext = new MLContext(1);
        var file = TextModelFile.Load(mlContext, modelPath.FullName);
        var data = TsvFile.Load(mlContext, test.FullName, [file.LabelFileColumn, .. file.Classifier.TextColumnNames], quoting);
        var scored = file.Model.Transform(data);
        var keys = scored.GetColumn<uint>(file.Classifier.LabelColumnName).ToArray();
        var metrics = mlContext.MulticlassClassification.Evaluate(scored, file.Classifier.LabelColumnName);

        var unseen = keys.Count(k => k == 0);
        var skipped = unseen > 0 ? $"; {unseen} rows skipped because their label never occurred in training" : string.Empty;
        AnsiConsole.WriteLine($"{keys.Length - unseen} rows evaluated{skipped}");
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"micro-accuracy {metrics.MicroAccuracy:F4}  macro-accuracy {metrics.MacroAccuracy:F4}  log-loss {metrics.LogLoss:F4}"));

        var table = new Table().Border(TableBorder.Rounded).AddColumn("Class").AddColumn("Precision", c => c.RightAligned())
            .AddColumn("Recall", c => c.RightAligned()).AddColumn("F1", c => c.RightAligned()).AddColumn("Support", c => c.RightAligned());
        var matrix = metrics.ConfusionMatrix;
        for (var i = 0; i < file.ClassNames.Count; i++)
        {
            var (precision, recall) = (matrix.PerClassPrecision[i], matrix.PerClassRecall[i]);
            var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            var support = keys.Count(k => k == i + 1);
            table.AddRow(Markup.Escape(file.ClassNames[i]), F(precision), F(recall), F(f1), support.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
