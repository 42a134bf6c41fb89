using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.TextClassification;
using MLNetNorm.Training;

namespace TextClassificationSample;

/// <summary>What one system scored on one split, and the transformer's training history (null for the baseline).</summary>
internal sealed record Measurement(string System, string Split, double Accuracy, double MacroAccuracy, double MacroF1, double TrainSeconds, double TokensPerSecond,
    double LatencyP50Ms, double LatencyP99Ms, TrainingHistory? History)
{
    /// <summary>Trains <paramref name="system"/> on the split, evaluates it on the test part and times single-row predictions.</summary>
    public static Measurement Run(TextSystem system, Split split, int seed, int latencyRows)
    {
        var mlContext = new MLContext(seed);
        var clock = Stopwatch.StartNew();
        var model = system.Build(mlContext, split).Fit(split.Train);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(split.Test));
        var matrix = metrics.ConfusionMatrix;
        var macroF1 = Enumerable.Range(0, matrix.NumberOfClasses).Average(i =>
            matrix.PerClassPrecision[i] + matrix.PerClassRecall[i] > 0
                ? 2 * matrix.PerClassPrecision[i] * matrix.PerClassRecall[i] / (matrix.PerClassPrecision[i] + matrix.PerClassRecall[i])
                : 0);

        // Tokens per second: the transformer reports the tokens its optimizer steps processed; the baseline reads
        // each training text once, counted with the same cl100k tokenizer.
        var transformer = (model as IEnumerable<ITransformer>)?.OfType<TextTransformerModel>().LastOrDefault();
        var tokensPerSecond = transformer?.Training?.TokensPerSecond ?? TokenCount.Of(split.Train, split.TextColumns) / trainSeconds;
        var (p50, p99) = Latency(mlContext, model, split, latencyRows);
        return new Measurement(system.Name, split.Name, metrics.MicroAccuracy, metrics.MacroAccuracy, macroF1, trainSeconds, tokensPerSecond, p50, p99,
            transformer?.Training?.History);
    }

    private static (double P50, double P99) Latency(MLContext mlContext, ITransformer model, Split split, int rows)
    {
        var mapper = model.GetRowToRowMapper(split.Test.Schema);
        var engine = mlContext.Model.CreatePredictionEngine<TextRow, ScoreRow>(model, inputSchemaDefinition: TextRow.Schema(split));
        var samples = TextRow.Read(mlContext, split).Take(rows).ToList();
        engine.Predict(samples[0]); // warm-up
        var times = new List<double>();
        foreach (var row in samples)
        {
            var start = Stopwatch.GetTimestamp();
            engine.Predict(row);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        GC.KeepAlive(mapper);
        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)]);
    }

    /// <summary>A row of the split's label and up to two text columns, renamed to fixed properties by a schema definition.</summary>
    private sealed class TextRow
    {
        public string Label { get; set; } = "";

        public string Text1 { get; set; } = "";

        public string Text2 { get; set; } = "";

        public static SchemaDefinition Schema(Split split)
        {
            var schema = SchemaDefinition.Create(typeof(TextRow));
            schema[nameof(Label)].ColumnName = split.LabelColumn;
            schema[nameof(Text1)].ColumnName = split.TextColumns[0];
            schema[nameof(Text2)].ColumnName = split.TextColumns.Length > 1 ? split.TextColumns[1] : "Unused";
            return schema;
        }

        public static IEnumerable<TextRow> Read(MLContext mlContext, Split split) =>
            mlContext.Data.CreateEnumerable<TextRow>(split.Test, reuseRowObject: false, ignoreMissingColumns: true, schemaDefinition: Schema(split));
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
