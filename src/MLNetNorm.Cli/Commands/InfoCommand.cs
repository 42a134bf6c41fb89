using System.CommandLine;
using MLNetNorm.Runtime;
using Spectre.Console;

namespace MLNetNorm.Cli.Commands;

/// <summary><c>mlnetnorm info</c>: versions, devices and threads, to check an installation.</summary>
internal static class InfoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("info", "Print the library, TorchSharp and libtorch versions, the devices and the thread count.");
        command.SetAction(_ =>
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Item").AddColumn("Value");
            table.AddRow("MLNetNorm", TorchRuntime.LibraryVersion);
            table.AddRow("ML.NET", TorchRuntime.MLNetVersion);
            table.AddRow("TorchSharp", TorchRuntime.TorchSharpVersion);
            table.AddRow("libtorch", TorchRuntime.LibTorchVersion);
            table.AddRow(".NET", Environment.Version.ToString());
            table.AddRow("OS", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
            table.AddRow("Logical processors", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("libtorch threads", TorchRuntime.IntraOpThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("CPU tuning", Markup.Escape(CpuTuning.Summary ?? "not applied"));
            var cuda = TorchRuntime.CudaDeviceCount;
            table.AddRow("Devices", cuda > 0 ? $"cpu, cuda:0..cuda:{cuda - 1}" : "cpu (no CUDA backend or GPU)");
            table.AddRow("Default device (auto)", TorchDevice.Resolve(TorchDevice.Auto).ToString());
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
