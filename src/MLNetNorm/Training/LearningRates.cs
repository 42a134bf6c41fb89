namespace MLNetNorm.Training;

/// <summary>The learning rate at each optimizer step: linear warmup from 0, then the chosen decay.</summary>
public static class LearningRates
{
    /// <summary>Returns the learning rate for <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    /// <param name="step">The step about to be taken, from 0.</param>
    /// <param name="totalSteps">The number of steps of the whole run.</param>
    /// <param name="baseRate">The peak learning rate.</param>
    /// <param name="warmupSteps">Steps over which the rate rises linearly from <c>baseRate / warmupSteps</c> to <paramref name="baseRate"/>; 0 for none.</param>
    /// <param name="schedule">The decay after the warmup.</param>
    /// <param name="minimumFraction">The fraction of <paramref name="baseRate"/> reached at the last step.</param>
    /// <returns>The learning rate.</returns>
    public static double At(long step, long totalSteps, double baseRate, long warmupSteps, LearningRateSchedule schedule, double minimumFraction)
    {
        if (step < warmupSteps)
        {
            return baseRate * (step + 1) / warmupSteps;
        }

        var decaySteps = Math.Max(1, totalSteps - warmupSteps - 1);
        var progress = Math.Clamp((double)(step - warmupSteps) / decaySteps, 0, 1);
        var floor = baseRate * minimumFraction;
        return schedule switch
        {
            LearningRateSchedule.Constant => baseRate,
            LearningRateSchedule.Linear => floor + (baseRate - floor) * (1 - progress),
            LearningRateSchedule.Cosine => floor + (baseRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, null),
        };
    }
}
