using System.CommandLine;
using Microsoft.ML;
using MLNetNorm.Cli.Text;
using MLNetNorm.Sweeping.Objectives;
using MLNetNorm.TextClassification;

namespace MLNetNorm.Cli.Commands.Sweeping;

/// <summary><c>mlnetnorm sweep classify</c>: sweeps the text transformer's norm kind, placement, warmup, learning rate, depth and width on a TSV file.</summary>
internal static class ClassifySweepCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new ClassifyDataOptions();
        var sweep = new SweepCommandOptions();
        var defaults = new TextTransformerOptions();
        var metric = new Option<string>("--metric")
        {
            Description = "Metric to optimize on the validation data: " + string.Join("; ", TextClassificationObjective.Metrics.Select(m => $"{m.Name} ({m.Description}, {m.Direction.ToString().ToLowerInvariant()})")) + ".",
            DefaultValueFactory = _ => TextClassificationObjective.MacroAccuracy,
        };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs per trial.", DefaultValueFactory = _ => defaults.Epochs };
        var heads = new Option<int>("--heads") { Description = "Attention heads (every swept width is a multiple of 4).", DefaultValueFactory = _ => defaults.Heads };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens per example; longer text is truncated.", DefaultValueFactory = _ => defaults.MaxTokens };
        var target = new Option<double?>("--target-loss") { Description = "Validation loss whose first crossing measures convergence speed (steps→target)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "auto" };
        var command = new Command("classify", "Sweep the transformer text classifier: norm kind, placement, warmup, learning rate, depth and width, scored on the validation data.")
        {
            metric, epochs, heads, maxTokens, target, device,
        };
        data.AddTo(command);
        sweep.AddTo(command);
        command.SetAction(parse =>
        {
            var chosen = ObjectiveMetric.Find(TextClassificationObjective.Metrics, parse.GetValue(metric)!);
            var mlContext = new MLContext(parse.GetValue(sweep.Seed));
            var (train, valid) = data.Load(mlContext, parse);
            if (valid is null)
            {
                // Every trial scores the same held-out rows.
                var split = mlContext.Data.TrainTestSplit(train, testFraction: 0.1, seed: parse.GetValue(sweep.Seed));
                (train, valid) = (split.TrainSet, split.TestSet);
            }

            var textColumns = data.TextColumns(parse);
            var epochCount = parse.GetValue(epochs);
            var objective = new TextClassificationObjective(mlContext, train, valid, data.LabelColumn(parse), () => new TextTransformerOptions
            {
                TextColumnNames = textColumns,
                Epochs = epochCount,
                Heads = parse.GetValue(heads),
                MaxTokens = parse.GetValue(maxTokens),
                Device = parse.GetValue(device)!,
            })
            { TargetValidationLoss = parse.GetValue(target) };
            var options = sweep.Create(parse, "classify", TextClassificationObjective.DefaultSearchSpace(), chosen.Name, chosen.Direction, maximumResource: epochCount);
            return SweepConsole.Run(options, objective, sweep.ChartPath(parse), sweep.Top(parse));
        });
        return command;
    }
}
