using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MLNetNorm.Runtime;

// Before libtorch loads (see CpuTuning). In-process: the tuning applies to the measured code, and the native-heavy
// project is not rebuilt per benchmark.
CpuTuning.Apply();
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcess"));
BenchmarkSwitcher.FromAssembly(typeof(MLNetNorm.Benchmarks.NormKernelBenchmarks).Assembly).Run(args, config);
