using System.Globalization;
using MLNetNorm.Training;

namespace MLNetNorm.Sweeping.Objectives;

/// <summary>
/// The gradient figures Xiong et al. (2020) compare between Pre-LN and Post-LN: the global gradient norm early in
/// training, and how the gradient norm of the last block compares with the first block's (Post-LN's grows with depth
/// near the output, Pre-LN's stays flat). Read from a <see cref="TrainingHistory"/> recorded with gradient statistics.
/// </summary>
public static class GradientFigures
{
    /// <summary>The metric key of <see cref="FirstEpochGradientNorm"/>.</summary>
    public const string FirstEpochGradientNormMetric = "first-epoch-grad-norm";

    /// <summary>The metric key of <see cref="LastToFirstBlockRatio"/>.</summary>
    public const string BlockRatioMetric = "last-first-block-grad-ratio";

    /// <summary>Returns the mean global gradient norm (before clipping) over the first epoch, or null when no epoch completed.</summary>
    /// <param name="history">A training history.</param>
    public static double? FirstEpochGradientNorm(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Epochs.Count > 0 ? history.Epochs[0].GradientNorm.Mean : null;
    }

    /// <summary>
    /// Returns the first epoch's mean gradient norm of the highest-numbered layer divided by that of layer 0, over the
    /// numbered layers of <paramref name="prefix"/> (e.g. <c>blocks</c> for <c>blocks.0</c> … <c>blocks.5</c>); null
    /// when fewer than two such layers were recorded or layer 0 had no gradient.
    /// </summary>
    /// <param name="history">A training history recorded with <see cref="NeuralTrainerOptions.RecordGradientStatistics"/>.</param>
    /// <param name="prefix">The name of the module list holding the layers.</param>
    public static double? LastToFirstBlockRatio(TrainingHistory history, string prefix)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (history.Epochs.Count == 0)
        {
            return null;
        }

        var numbered = history.Epochs[0].LayerGradientNorms
            .Select(pair => (Index: BlockIndex(pair.Key, prefix), pair.Value.Mean))
            .Where(layer => layer.Index >= 0)
            .OrderBy(layer => layer.Index)
            .ToList();
        if (numbered.Count < 2 || numbered[0].Index != 0 || numbered[0].Mean <= 0)
        {
            return null;
        }

        return numbered[^1].Mean / numbered[0].Mean;
    }

    /// <summary>Adds both figures to <paramref name="metrics"/> when they exist.</summary>
    internal static void AddTo(IDictionary<string, double> metrics, TrainingHistory history, string blockPrefix)
    {
        if (FirstEpochGradientNorm(history) is { } norm)
        {
            metrics[FirstEpochGradientNormMetric] = norm;
        }

        if (LastToFirstBlockRatio(history, blockPrefix) is { } ratio)
        {
            metrics[BlockRatioMetric] = ratio;
        }
    }

    private static int BlockIndex(string layer, string prefix) =>
        layer.StartsWith(prefix + ".", StringComparison.Ordinal) && int.TryParse(layer.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
}
