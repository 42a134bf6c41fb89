using BenchmarkDotNet.Attributes;
using MLNetNorm.Cli.Benchmarks;

namespace MLNetNorm.Benchmarks;

/// <summary>One pass over 20,000 rows of 512 features: NormalizeLayer against ML.NET's NormalizeGlobalContrast.</summary>
[MemoryDiagnoser]
public class TransformBenchmarks
{
    private TransformWorkload _workload = null!;

    [GlobalSetup]
    public void Setup() => _workload = new TransformWorkload();

    [Benchmark(Baseline = true)]
    public void NormalizeGlobalContrast() => _workload.GlobalContrastPass();

    [Benchmark]
    public void NormalizeLayer() => _workload.LayerNormPass();
}
