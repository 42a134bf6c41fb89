using System.CommandLine;
using Microsoft.ML;

namespace MLNetNorm.Cli.Text;

/// <summary>The data options of <c>classify train</c> and <c>sweep classify</c>: training and validation TSV files, label and text columns, quoting.</summary>
internal sealed class ClassifyDataOptions
{
    private readonly Option<FileInfo> _train = new("--train") { Description = "Training file (TSV with a header).", Required = true };
    private readonly Option<string> _labelColumn = new("--label-col") { Description = "The label column.", Required = true };
    private readonly Option<string> _textColumns = new("--text-col") { Description = "Text column(s), comma-separated; joined in order.", Required = true };
    private readonly Option<FileInfo?> _valid = new("--valid") { Description = "Validation file; by default 10% of the training rows are held out." };
    private readonly Option<bool> _quoting = Commands.ClassifyCommand.QuotingOption();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _train, _labelColumn, _textColumns, _valid, _quoting })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Gets the label column.</summary>
    public string LabelColumn(ParseResult parse) => parse.GetValue(_labelColumn)!;

    /// <summary>Gets the text columns, in order.</summary>
    public string[] TextColumns(ParseResult parse) => parse.GetValue(_textColumns)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Loads the label and text columns of the training file and, when given, of the validation file (both still with raw text labels).</summary>
    public (IDataView Train, IDataView? Valid) Load(MLContext mlContext, ParseResult parse)
    {
        string[] columns = [LabelColumn(parse), .. TextColumns(parse)];
        var quoting = parse.GetValue(_quoting);
        var train = TsvFile.Load(mlContext, parse.GetValue(_train)!.FullName, columns, quoting);
        var valid = parse.GetValue(_valid) is { } file ? TsvFile.Load(mlContext, file.FullName, columns, quoting) : null;
        return (train, valid);
    }
}
