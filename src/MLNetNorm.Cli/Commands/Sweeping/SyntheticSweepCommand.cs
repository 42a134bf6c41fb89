using System.CommandLine;
using MLNetNorm.Sweeping;

namespace MLNetNorm.Cli.Commands.Sweeping;

/// <summary><c>mlnetnorm sweep synthetic</c>: the sweeper on a simulated objective (no training), to try tuners, pruning, budgets and resuming.</summary>
internal static class SyntheticSweepCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var sweep = new SweepCommandOptions();
        var epochs = new Option<int>("--epochs") { Description = "Simulated epochs per trial.", DefaultValueFactory = _ => 9 };
        var epochMilliseconds = new Option<int>("--epoch-ms") { Description = "Simulated duration of one epoch in milliseconds.", DefaultValueFactory = _ => 30 };
        var command = new Command("synthetic", "Sweep norm kind, placement, learning rate, warmup and depth on a simulated learning curve (no training): a cheap way to try the sweeper.")
        {
            epochs,
            epochMilliseconds,
        };
        sweep.AddTo(command);
        command.SetAction(parse =>
        {
            var (epochCount, delay) = (parse.GetValue(epochs), parse.GetValue(epochMilliseconds));
            if (epochCount < 1 || delay < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(epochs), "--epochs must be positive and --epoch-ms zero or positive.");
            }

            var options = sweep.Create(parse, "synthetic", SyntheticObjective.Space(), SyntheticObjective.Metric, OptimizationDirection.Minimize, maximumResource: epochCount);
            return SweepConsole.Run(options, new SyntheticObjective(epochCount, TimeSpan.FromMilliseconds(delay)), sweep.ChartPath(parse), sweep.Top(parse));
        });
        return command;
    }
}
