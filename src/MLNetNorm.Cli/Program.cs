using System.CommandLine;
using MLNetNorm.Cli.Commands;

var root = new RootCommand("mlnetnorm: Layer Normalization-equipped neural models for ML.NET pipelines.")
{
    InfoCommand.Create(),
    DemoCommand.Create(),
    ClassifyCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
