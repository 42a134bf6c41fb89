using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using MLNetNorm.Cli.Benchmarks;

namespace MLNetNorm.Benchmarks;

/// <summary>
/// The text transformer classifier: one training run (one epoch over 512 synthetic sentences of about 50 tokens, batch 32,
/// a whole <c>Fit</c>) with its token throughput, and the latency of one prediction through an ML.NET prediction engine.
/// </summary>
/// <remarks>A training run takes seconds: a few measured iterations keep the whole class within the in-process toolchain's time limit.</remarks>
[MemoryDiagnoser]
[Config(typeof(TokenThroughputConfig))]
[WarmupCount(1)]
[IterationCount(8)]
public class TextTransformerBenchmarks
{
    private TextTransformerWorkload _workload = null!;

    /// <summary>Gets the tokens one <see cref="Train"/> call processes, known after setup (read by <see cref="TokensPerSecondColumn"/>).</summary>
    internal static long TrainingTokens { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new TextTransformerWorkload();
        TrainingTokens = _workload.TrainingTokens;
    }

    [GlobalCleanup]
    public void Cleanup() => _workload.Dispose();

    [Benchmark]
    public object Train() => _workload.Train();

    [Benchmark]
    public float[] PredictOne() => _workload.PredictOne();

    private sealed class TokenThroughputConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public TokenThroughputConfig() => AddColumn(new TokensPerSecondColumn());
    }

    /// <summary>Training tokens per second of wall time: the tokens of one run over the mean time of a run.</summary>
    private sealed class TokensPerSecondColumn : IColumn
    {
        public string Id => nameof(TokensPerSecondColumn);

        public string ColumnName => "Tokens/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Training tokens processed per second by one Fit (tokenization included)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            return benchmarkCase.Descriptor.WorkloadMethod.Name != nameof(Train) || statistics is null || TrainingTokens == 0
                ? "-"
                : (TrainingTokens / (statistics.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
