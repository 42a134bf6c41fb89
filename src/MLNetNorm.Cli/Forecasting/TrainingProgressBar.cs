using MLNetNorm.Training;
using Spectre.Console;

namespace MLNetNorm.Cli.Forecasting;

/// <summary>Runs work under a Spectre progress bar fed by the library's <see cref="TrainingProgress"/> reports.</summary>
internal static class TrainingProgressBar
{
    /// <summary>Runs <paramref name="work"/>, giving it a progress receiver that moves the bar synchronously.</summary>
    public static T Run<T>(string title, Func<IProgress<TrainingProgress>, T> work)
    {
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: 1);
                result = work(new Receiver(report =>
                {
                    task.MaxValue = Math.Max(1, report.TotalSteps);
                    task.Value = report.Step;
                    var validation = report.ValidationLoss is { } v ? $", val {v:G4}" : string.Empty;
                    task.Description = $"{title}: epoch {report.Epoch}/{report.Epochs}, loss {report.TrainingLoss:G4}{validation}";
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Reports on the caller's thread (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class Receiver(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
