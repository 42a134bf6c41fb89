using System.CommandLine;

namespace MLNetNorm.Cli.Commands;

/// <summary><c>mlnetnorm classify</c>: train, evaluate and apply transformer text classifiers on tab-separated files.</summary>
internal static class ClassifyCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create() =>
        new("classify", "Transformer text classification on tab-separated files with a header.")
        {
            ClassifyTrainCommand.Create(),
            ClassifyEvaluateCommand.Create(),
            ClassifyPredictCommand.Create(),
        };

    /// <summary>The <c>--quoting</c> option shared by the subcommands.</summary>
    public static Option<bool> QuotingOption() => new("--quoting")
    {
        Description = "Fields may be enclosed in double quotes with \"\" escapes (CSV-style exports such as GitHub issues). " +
                      "Leave off when text merely contains quote characters.",
    };
}
