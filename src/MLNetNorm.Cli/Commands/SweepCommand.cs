using System.CommandLine;
using MLNetNorm.Cli.Commands.Sweeping;

namespace MLNetNorm.Cli.Commands;

/// <summary><c>mlnetnorm sweep ...</c>: AutoML-style searches over normalization kind, placement and training options.</summary>
internal static class SweepCommand
{
    /// <summary>Creates the command and its subcommands (one per objective).</summary>
    public static Command Create() => new("sweep", "Search normalization kind, placement and training options with a grid, random or TPE tuner, successive-halving pruning, a time budget and a resumable study file.")
    {
        ClassifySweepCommand.Create(),
        ForecastSweepCommand.Create(),
        SyntheticSweepCommand.Create(),
    };
}
