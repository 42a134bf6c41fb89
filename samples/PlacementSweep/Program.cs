using System.Diagnostics;
using MLNetNorm.Runtime;
using MLNetNorm.Samples.PlacementSweep;
using MLNetNorm.Sweeping;

// Usage: dotnet run --project samples/PlacementSweep -c Release -- <movie-review-polarity.tsv or its folder> [output folder] [--quick | --smoke]
//   --quick: 2 blocks, 300 sentences, 2 epochs (a minute or two); --smoke: tiny model and data, checks the path in seconds.
// Before anything loads libtorch: allocator and OpenMP settings that make CPU training fast on Linux (see CpuTuning).
CpuTuning.Apply();
var size = args.Contains("--smoke") ? "smoke" : args.Contains("--quick") ? "quick" : "full";
var positional = args.Where(a => a is not ("--quick" or "--smoke")).ToArray();
if (positional.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: PlacementSweep <movie-review-polarity.tsv or its folder> [output folder, default ./placement-sweep-output] [--quick | --smoke]");
    return 2;
}

var output = Path.GetFullPath(positional.Length > 1 ? positional[1] : "placement-sweep-output");
var settings = size switch { "smoke" => PlacementSettings.Smoke, "quick" => PlacementSettings.Quick, _ => PlacementSettings.Full };
Console.WriteLine($"Placement sweep ({size}): {settings.Layers} blocks of width {settings.ModelWidth}, {2 * settings.TrainingPerClass} training / {2 * settings.ValidationPerClass} validation sentences, " +
                  $"{settings.Epochs} epochs, AdamW lr {settings.LearningRate:G}, warmup 0 or {settings.WarmupSteps} steps, seed {settings.Seed}.");
var clock = Stopwatch.StartNew();
var progress = new Progress<SweepProgress>(p =>
{
    if (p.Event == SweepEvent.TrialFinished)
    {
        Console.WriteLine($"  trial {p.TrialNumber} ({p.Parameters}) {p.State.ToString().ToLowerInvariant()}: accuracy {p.Value:F3} [{clock.Elapsed.TotalSeconds:F0} s]");
    }
});
var outcome = PlacementStudy.Run(positional[0], output, settings, progress);
Console.WriteLine();
Console.WriteLine(PlacementReport.Table(outcome));
foreach (var chart in PlacementReport.SaveCharts(outcome, output))
{
    Console.WriteLine($"chart: {chart}");
}

Console.WriteLine($"{outcome.Sweep.Trials.Count} trials in {clock.Elapsed.TotalMinutes:F1} min.");
return 0;
