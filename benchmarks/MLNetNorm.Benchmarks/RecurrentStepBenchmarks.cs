using BenchmarkDotNet.Attributes;
using MLNetNorm.Cli.Benchmarks;

namespace MLNetNorm.Benchmarks;

/// <summary>One training step at batch 64, sequence 48, hidden 64: LN-LSTM against TorchSharp's fused nn.LSTM.</summary>
[MemoryDiagnoser]
public class RecurrentStepBenchmarks
{
    private RecurrentStepWorkload _workload = null!;

    [GlobalSetup]
    public void Setup() => _workload = new RecurrentStepWorkload();

    [GlobalCleanup]
    public void Cleanup() => _workload.Dispose();

    [Benchmark(Baseline = true)]
    public void TorchLstmStep() => _workload.TorchLstmStep();

    [Benchmark]
    public void LayerNormLstmStep() => _workload.LayerNormLstmStep();

    [Benchmark]
    public void PlainLstmStep() => _workload.PlainLstmStep();
}
