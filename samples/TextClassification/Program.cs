// Text classification benchmark: the MLNetNorm text transformer (Pre-LN, Post-LN, Pre-RMSNorm, no norm) against ML.NET's
// FeaturizeText + SdcaMaximumEntropy on MR (Pang & Lee 2005) and the corefx GitHub issues, same splits for both.
//   dotnet run --project samples/TextClassification -c Release -- <data dir> [--full] [--variants] [--mr-folds N] [--variant-folds N] [--epochs N]
// Default (quick): MR fold 0 and the corefx split, Pre-LN only; --variants adds Post-LN, Pre-RMSNorm and no norm.
// --full: 10 MR folds for the baseline and Pre-LN, the other variants on the first --variant-folds folds (default 3)
// and on corefx.
using System.Globalization;
using Microsoft.ML;
using MLNetNorm.Normalization;
using Spectre.Console;
using TextClassificationSample;

var folder = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !char.IsAsciiDigit(a[0]))
    ?? Path.Combine(Environment.GetEnvironmentVariable("MLNETNORM_DATA") ?? "", "text");
if (!File.Exists(Path.Combine(folder, "movie-review-polarity.tsv")))
{
    Console.Error.WriteLine("usage: dotnet run --project samples/TextClassification -c Release -- <folder with movie-review-polarity.tsv and corefx-issues-train.tsv> [--full]");
    return 2;
}

if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200; // a log file has no width; keep the table's rows on one line each
}

var full = args.Contains("--full");
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
var mrFolds = Arg("--mr-folds", full ? 10 : 1);
var variantFolds = Math.Min(mrFolds, Arg("--variant-folds", full ? 3 : 1));
var epochs = Arg("--epochs", 8);
const int seed = 1;

var preLn = TextSystem.Transformer(NormKind.LayerNorm, NormPlacement.PreNorm, epochs, seed);
TextSystem[] variants = full || args.Contains("--variants")
    ? [TextSystem.Transformer(NormKind.LayerNorm, NormPlacement.PostNorm, epochs, seed), TextSystem.Transformer(NormKind.RmsNorm, NormPlacement.PreNorm, epochs, seed),
       TextSystem.Transformer(NormKind.None, NormPlacement.PreNorm, epochs, seed)]
    : [];

var results = new List<Measurement>();
void Measure(TextSystem system, Split split)
{
    var result = Measurement.Run(system, split, seed, latencyRows: 300);
    results.Add(result);
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
        $"[grey]{split.Name}: {system.Name}: accuracy {result.Accuracy:F4}, macro-F1 {result.MacroF1:F4}, {result.TrainSeconds:F0} s, {result.TokensPerSecond:N0} tokens/s, p50 {result.LatencyP50Ms:F2} ms, p99 {result.LatencyP99Ms:F2} ms[/]");
}

var mlContext = new MLContext(seed);
var corefx = Datasets.CorefxIssues(mlContext, folder);
foreach (var system in new[] { TextSystem.Baseline, preLn }.Concat(variants))
{
    Measure(system, corefx);
}

for (var fold = 0; fold < mrFolds; fold++)
{
    var split = Datasets.MovieReviews(mlContext, folder, fold);
    foreach (var system in new[] { TextSystem.Baseline, preLn }.Concat(fold < variantFolds ? variants : []))
    {
        Measure(system, split);
    }
}

var table = new Table().Border(TableBorder.Rounded).Title("Text classification: accuracy, macro-F1, training time, tokens/s, single-row latency")
    .AddColumn("Data").AddColumn("System").AddColumn("Folds", c => c.RightAligned()).AddColumn("Accuracy", c => c.RightAligned())
    .AddColumn("Macro-acc.", c => c.RightAligned()).AddColumn("Macro-F1", c => c.RightAligned()).AddColumn("Train s", c => c.RightAligned())
    .AddColumn("Tokens/s", c => c.RightAligned()).AddColumn("p50 ms", c => c.RightAligned()).AddColumn("p99 ms", c => c.RightAligned());
foreach (var group in results.GroupBy(r => (Data: r.Split.StartsWith("MR", StringComparison.Ordinal) ? "MR" : r.Split, r.System)))
{
    string F(Func<Measurement, double> value, string format) => group.Average(value).ToString(format, CultureInfo.InvariantCulture);
    table.AddRow(group.Key.Data, group.Key.System, group.Count().ToString(CultureInfo.InvariantCulture), F(r => r.Accuracy, "F4"), F(r => r.MacroAccuracy, "F4"),
        F(r => r.MacroF1, "F4"), F(r => r.TrainSeconds, "F1"), F(r => r.TokensPerSecond, "N0"), F(r => r.LatencyP50Ms, "F2"), F(r => r.LatencyP99Ms, "F2"));
}

AnsiConsole.Write(table);
AnsiConsole.WriteLine("Published MR (10-fold, Kim 2014): CNN-rand 76.1, NBSVM-bi 79.4; corefx reference: FeaturizeText + SDCA micro 0.692, macro 0.483.");
return 0;
