using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Normalization;
using MLNetNorm.Transforms;
using Spectre.Console;

namespace MLNetNorm.Cli.Commands;

/// <summary>
/// <c>mlnetnorm demo</c>: a small, self-contained LayerNorm demonstration in an ML.NET pipeline.
/// </summary>
/// <remarks>
/// The label says whether a row's projection onto a hidden direction exceeds a threshold, measured relative to the row's
/// own scale; every row then carries a random gain over four orders of magnitude, as activations of different examples
/// often do. A linear model on raw features cannot place one threshold that fits every gain; row-wise normalization
/// removes the gain, which is exactly what LayerNorm and RMSNorm are for.
/// </remarks>
internal static class DemoCommand
{
    private const int Features = 64;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Number of generated training rows (the test set has a quarter as many).", DefaultValueFactory = _ => 4000 };
        var seed = new Option<int>("--seed") { Description = "Random seed for the data and the trainers.", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Train a linear classifier with and without row-wise LayerNorm / RMSNorm on generated data.") { rows, seed };
        command.SetAction(parse =>
        {
            Run(parse.GetValue(rows), parse.GetValue(seed));
            return 0;
        });
        return command;
    }

    private static void Run(int rows, int seed)
    {
        if (rows < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "--rows must be at least 100.");
        }

        var mlContext = new MLContext(seed);
        var train = mlContext.Data.LoadFromEnumerable(Generate(rows, seed), CreateSchema());
        var test = mlContext.Data.LoadFromEnumerable(Generate(rows / 4, seed + 1), CreateSchema());

        var table = new Table().Border(TableBorder.Rounded).Title($"Binary classification, {Features} features, per-row gain 0.01..100")
            .AddColumn("Pipeline").AddColumn("Accuracy", c => c.RightAligned()).AddColumn("AUC", c => c.RightAligned());
        foreach (var (name, kind) in new (string, NormKind?)[] { ("raw features", null), ("NormalizeLayer (LayerNorm)", NormKind.LayerNorm), ("NormalizeLayer (RMSNorm)", NormKind.RmsNorm) })
        {
            IEstimator<ITransformer> pipeline = kind is { } k
                ? mlContext.Transforms.NormalizeLayer("Features", kind: k)
                : mlContext.Transforms.CopyColumns("Features", "Features");
            var model = pipeline.Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 20)).Fit(train);
            var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(test));
            table.AddRow(name, metrics.Accuracy.ToString("P1", CultureInfo.InvariantCulture), metrics.AreaUnderRocCurve.ToString("F3", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private static SchemaDefinition CreateSchema()
    {
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Features);
        return schema;
    }

    private static IEnumerable<Example> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var direction = new float[Features];
        var directionRandom = new Random(12345);
        for (var j = 0; j < Features; j++)
        {
            direction[j] = (float)(directionRandom.NextDouble() * 2 - 1);
        }

        var norm = Math.Sqrt(direction.Sum(d => (double)d * d));
        for (var i = 0; i < count; i++)
        {
            // z has unit variance per feature, so its RMS is close to 1 and the threshold is relative to the row's scale.
            var z = Enumerable.Range(0, Features).Select(_ => (random.NextDouble() * 2 - 1) * Math.Sqrt(3)).ToArray();
            var projection = z.Select((v, j) => v * direction[j]).Sum() / norm;
            var gain = Math.Pow(10, random.NextDouble() * 4 - 2);
            yield return new Example { Label = projection > 0.5, Features = z.Select(v => (float)(gain * v)).ToArray() };
        }
    }

    private sealed class Example
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
