using System.CommandLine;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetNorm.Cli.Text;
using MLNetNorm.Normalization;
using MLNetNorm.Plotting;
using MLNetNorm.TextClassification;
using MLNetNorm.Training;
using Spectre.Console;

namespace MLNetNorm.Cli.Commands;

/// <summary><c>mlnetnorm classify train</c>: trains a text transformer on a TSV file and saves it as an ML.NET model zip.</summary>
internal static class ClassifyTrainCommand
{
    /// <summary>The key-typed label column the saved pipeline feeds to the trainer.</summary>
    private const string KeyColumn = "Label";

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new ClassifyDataOptions();
        var modelPath = new Option<FileInfo>("--model") { Description = "Where to save the model zip.", Required = true };
        var norm = new Option<string>("--norm") { Description = "Normalization: layer, rms or none.", DefaultValueFactory = _ => "layer" };
        norm.AcceptOnlyFromAmong("layer", "rms", "none");
        var placement = new Option<string>("--placement") { Description = "Norm placement: pre (Pre-LN) or post (Post-LN).", DefaultValueFactory = _ => "pre" };
        placement.AcceptOnlyFromAmong("pre", "post");
        var defaults = new TextTransformerOptions();
        var layers = new Option<int>("--layers") { Description = "Encoder blocks.", DefaultValueFactory = _ => defaults.Layers };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => defaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var width = new Option<int>("--width") { Description = "Model width.", DefaultValueFactory = _ => defaults.ModelWidth };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => defaults.Heads };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens per example; longer text is truncated.", DefaultValueFactory = _ => defaults.MaxTokens };
        var learningRate = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "auto" };
        var plot = new Option<FileInfo?>("--plot") { Description = "PNG of the training curves: training and validation loss and the gradient norm per epoch." };
        var command = new Command("train", "Train a transformer text classifier and save it as an ML.NET model zip.")
        {
            modelPath, norm, placement, layers, epochs, seed, width, heads, maxTokens, learningRate, device, plot,
        };
        data.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var options = new TextTransformerOptions
            {
                LabelColumnName = KeyColumn,
                TextColumnNames = data.TextColumns(parse),
                Norm = parse.GetValue(norm) switch { "rms" => NormKind.RmsNorm, "none" => NormKind.None, _ => NormKind.LayerNorm },
                Placement = parse.GetValue(placement) == "post" ? NormPlacement.PostNorm : NormPlacement.PreNorm,
                Layers = parse.GetValue(layers),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                ModelWidth = parse.GetValue(width),
                Heads = parse.GetValue(heads),
                MaxTokens = parse.GetValue(maxTokens),
                LearningRate = parse.GetValue(learningRate),
                Device = parse.GetValue(device)!,
                CancellationToken = cancellation,
            };
            Run(data, parse, parse.GetValue(modelPath)!, options, parse.GetValue(plot));
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Run(ClassifyDataOptions data, ParseResult parse, FileInfo modelPath, TextTransformerOptions options, FileInfo? plot)
    {
        var labelColumn = data.LabelColumn(parse);
        if (options.TextColumnNames.Contains(labelColumn) || (labelColumn != KeyColumn && options.TextColumnNames.Contains(KeyColumn)))
        {
            throw new ArgumentException($"The label column '{labelColumn}' must not also be a text column, and no text column may be named '{KeyColumn}'.");
        }

        var mlContext = new MLContext(options.Seed);
        var messages = new List<string>();
        mlContext.Log += (_, e) =>
        {
            if (e.Kind is ChannelMessageKind.Warning && e.Source.Contains("TextTransformer", StringComparison.Ordinal))
            {
                messages.Add(e.Message);
            }
        };

        var (trainData, validData) = data.Load(mlContext, parse);
        var labelMapping = mlContext.Transforms.Conversion.MapValueToKey(KeyColumn, labelColumn).Fit(trainData);
        if (validData is not null)
        {
            options.ValidationData = labelMapping.Transform(validData);
        }

        TextTransformerModel? classifier = null;
        AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("tokenizing");
                options.Progress = new SynchronousProgress<TrainingProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalSteps);
                    task.Value = p.Step;
                    var validation = p.ValidationLoss is { } v ? FormattableString.Invariant($" val {v:F3}") : string.Empty;
                    task.Description = FormattableString.Invariant($"epoch {p.Epoch}/{p.Epochs} loss {p.TrainingLoss:F3}{validation}");
                });
                classifier = mlContext.MulticlassClassification.Trainers.TextTransformer(options).Fit(labelMapping.Transform(trainData));
                task.Value = task.MaxValue;
            });

        var model = new TransformerChain<ITransformer>(labelMapping, classifier!);
        mlContext.Model.Save(model, trainData.Schema, modelPath.FullName);
        foreach (var message in messages)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {message}");
        }

        var summary = classifier!.Training!;
        var history = summary.History;
        var validation = history.BestValidationLoss is { } best ? FormattableString.Invariant($" (validation loss {best:F4})") : string.Empty;
        AnsiConsole.WriteLine(FormattableString.Invariant(
            $"Trained {options.Norm}/{options.Placement}, {history.ParameterCount:N0} parameters, {classifier.ClassCount} classes, vocabulary {classifier.VocabularySize:N0}: ") +
            FormattableString.Invariant(
            $"{history.Epochs.Count} epochs in {history.Duration.TotalSeconds:F1} s ({summary.TokensPerSecond:N0} tokens/s), kept epoch {history.BestEpoch}{validation}"));
        AnsiConsole.WriteLine($"Saved {modelPath.FullName}");
        if (plot is not null)
        {
            var placement = options.Placement == NormPlacement.PreNorm ? "Pre" : "Post";
            var chart = TrainingCurvesChart.SaveRun(plot.FullName, $"Text transformer, {placement}-{options.Norm}, {options.Layers} blocks: training curves", history);
            AnsiConsole.WriteLine($"Training curves: {chart}");
        }
    }
}
