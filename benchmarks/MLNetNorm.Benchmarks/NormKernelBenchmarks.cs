using BenchmarkDotNet.Attributes;
using MLNetNorm.Cli.Benchmarks;

namespace MLNetNorm.Benchmarks;

/// <summary>Normalization kernels at 4096 × 1024 float32; ratios are against libtorch's fused LayerNorm forward+backward.</summary>
[MemoryDiagnoser]
public class NormKernelBenchmarks
{
    private NormKernelWorkload _workload = null!;

    [GlobalSetup]
    public void Setup() => _workload = new NormKernelWorkload();

    [GlobalCleanup]
    public void Cleanup() => _workload.Dispose();

    [Benchmark(Baseline = true)]
    public void LayerNormForwardBackward() => _workload.LayerNormForwardBackward();

    [Benchmark]
    public void RmsNormForwardBackward() => _workload.RmsNormForwardBackward();

    [Benchmark]
    public void LayerNormTrainingBackward() => _workload.LayerNormTrainingBackward();

    [Benchmark]
    public void RmsNormTrainingBackward() => _workload.RmsNormTrainingBackward();

    [Benchmark]
    public void LayerNormForward() => _workload.LayerNormForward();

    [Benchmark]
    public void LibTorchLayerNormForward() => _workload.LibTorchLayerNormForward();

    [Benchmark]
    public void TensorClone() => _workload.TensorClone();
}
