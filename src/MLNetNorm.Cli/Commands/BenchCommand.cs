using System.CommandLine;
using System.Globalization;
using MLNetNorm.Cli.Benchmarks;
using Spectre.Console;
using TorchSharp;

namespace MLNetNorm.Cli.Commands;

/// <summary>
/// <c>mlnetnorm bench</c>: the performance comparisons of the README, side by side in one process, ending with one line
/// of ratios that anyone can compare on their machine. The BenchmarkDotNet suite (benchmarks/) measures the same workloads
/// more thoroughly.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Fewer rounds: finishes in well under 2 minutes." };
        var rounds = new Option<int?>("--rounds") { Description = "Measured rounds per comparison (default 15, or 5 with --quick)." };
        var command = new Command("bench", "Measure the normalization kernels and the ML.NET transform against their baselines; print the ratios.") { quick, rounds };
        command.SetAction(parse =>
        {
            Run(parse.GetValue(rounds) ?? (parse.GetValue(quick) ? 5 : 15));
            return 0;
        });
        return command;
    }

    private static void Run(int rounds)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("MLNetNorm benchmarks (median per call)")
            .AddColumn("Workload").AddColumn("Case").AddColumn("Time", c => c.RightAligned());
        var ratios = new List<(string Name, double Value)>();

        using (var kernels = new NormKernelWorkload())
        {
            // Six warm-up rounds (30 calls): the autograd glue around the managed kernels is many managed calls per operation.
            var ms = InterleavedTimer.Run(
            [
                ("LayerNorm fwd+bwd (libtorch)", kernels.LayerNormForwardBackward),
                ("RMSNorm fwd+bwd (ours)", kernels.RmsNormForwardBackward),
                ("LayerNorm fwd+backward() (libtorch)", kernels.LayerNormTrainingBackward),
                ("RMSNorm fwd+backward() (ours)", kernels.RmsNormTrainingBackward),
                ("LayerNorm module forward (ours)", kernels.LayerNormForward),
                ("LayerNorm forward (libtorch)", kernels.LibTorchLayerNormForward),
                ("tensor clone", kernels.TensorClone),
            ], rounds, iterations: 5, warmupRounds: 6);
            foreach (var name in ms.Names)
            {
                table.AddRow("4096×1024 float32", name, $"{ms.Milliseconds(name):F2} ms");
            }

            ratios.Add(("rms_vs_ln", ms.Ratio("RMSNorm fwd+bwd (ours)", "LayerNorm fwd+bwd (libtorch)")));
            ratios.Add(("rms_vs_ln_backward", ms.Ratio("RMSNorm fwd+backward() (ours)", "LayerNorm fwd+backward() (libtorch)")));
            ratios.Add(("ln_vs_copy", ms.Ratio("LayerNorm module forward (ours)", "tensor clone")));
            ratios.Add(("libtorch_ln_vs_copy", ms.Ratio("LayerNorm forward (libtorch)", "tensor clone")));
            ratios.Add(("ln_vs_libtorch_ln", ms.Ratio("LayerNorm module forward (ours)", "LayerNorm forward (libtorch)")));
        }

        var transform = new TransformWorkload();
        var passes = InterleavedTimer.Run(
        [
            ("NormalizeLayer", transform.LayerNormPass),
            ("NormalizeGlobalContrast", transform.GlobalContrastPass),
        ], rounds, iterations: 1);
        foreach (var name in passes.Names)
        {
            table.AddRow($"ML.NET transform, {transform.Rows:N0} rows × 512", name, $"{transform.Rows / passes.Milliseconds(name) * 1000:N0} rows/s");
        }

        ratios.Add(("transform_vs_gcn", passes.Ratio("NormalizeGlobalContrast", "NormalizeLayer")));

        // The recurrent comparison at one libtorch thread and at libtorch's default: small recurrent steps are sensitive to
        // thread hand-off, and the forecasting commands default to one thread (see TorchThreads).
        var defaultThreads = torch.get_num_threads();
        foreach (var threads in new[] { defaultThreads, 1 }.Distinct())
        {
            torch.set_num_threads(threads);
            using var recurrent = new RecurrentStepWorkload();
            var steps = InterleavedTimer.Run(
            [
                ("LN-LSTM (ours)", recurrent.LayerNormLstmStep),
                ("LSTM without norm (ours)", recurrent.PlainLstmStep),
                ("nn.LSTM (TorchSharp, fused)", recurrent.TorchLstmStep),
            ], rounds, iterations: 3, warmupRounds: 10);
            foreach (var name in steps.Names)
            {
                table.AddRow($"training step, batch 64 × 48 steps, hidden 64, {threads} thread{(threads == 1 ? "" : "s")}", name, $"{steps.Milliseconds(name):F2} ms");
            }

            var suffix = threads == defaultThreads ? "" : $"_{threads}thread";
            ratios.Add(($"lnlstm_vs_lstm{suffix}", steps.Ratio("LN-LSTM (ours)", "nn.LSTM (TorchSharp, fused)")));
        }

        torch.set_num_threads(defaultThreads);

        AnsiConsole.Write(table);
        Console.WriteLine(string.Join(' ', ratios.Select(r => $"{r.Name}={r.Value.ToString("F2", CultureInfo.InvariantCulture)}")));
    }
}
