using System.CommandLine;
using MLNetNorm.Cli.Commands;
using MLNetNorm.Runtime;

// Before anything loads libtorch: see CpuTuning for what this changes and why.
CpuTuning.Apply();

var root = new RootCommand("mlnetnorm: Layer Normalization-equipped neural models for ML.NET pipelines.")
{
    InfoCommand.Create(),
    DemoCommand.Create(),
    BenchCommand.Create(),
    SweepCommand.Create(),
    ForecastCommand.Create(),
    ForecastBenchCommand.Create(),
    ClassifyCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
