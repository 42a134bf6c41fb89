namespace MLNetNorm.Training;

/// <summary>Maps an ensemble member's progress onto the whole ensemble's steps, so one bar covers every member.</summary>
/// <param name="inner">The caller's progress sink.</param>
/// <param name="member">The member being trained, from 0.</param>
/// <param name="count">The number of members.</param>
internal sealed class EnsembleProgress(IProgress<TrainingProgress> inner, int member, int count) : IProgress<TrainingProgress>
{
    /// <summary>Returns a sink for member <paramref name="member"/>, or null when there is one member or no caller sink (the loop then reports to the options' own sink).</summary>
    public static IProgress<TrainingProgress>? For(IProgress<TrainingProgress>? inner, int member, int count) =>
        count == 1 || inner is null ? null : new EnsembleProgress(inner, member, count);

    /// <inheritdoc/>
    public void Report(TrainingProgress value) =>
        inner.Report(value with { Step = member * value.TotalSteps + value.Step, TotalSteps = count * value.TotalSteps });
}
