namespace MLNetNorm.TextClassification.Training;

/// <summary>Per-class loss weights from the training labels for a <see cref="TextClassWeighting"/>.</summary>
internal static class ClassWeights
{
    /// <summary>
    /// Returns one weight per class, or null for <see cref="TextClassWeighting.None"/>. The weights are scaled so that
    /// their mean over the training examples is 1, so they read as multiples of an average example (the weighted
    /// cross-entropy divides by the batch's total weight, so the scale itself does not change the loss); a class without
    /// training examples gets weight 0 (it never occurs in the loss).
    /// </summary>
    /// <param name="labels">The class of each training example, from 0.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="weighting">The weighting.</param>
    /// <returns>The weights, or null.</returns>
    public static float[]? Compute(IReadOnlyList<int> labels, int classes, TextClassWeighting weighting)
    {
        if (weighting == TextClassWeighting.None)
        {
            return null;
        }

        var counts = new double[classes];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        var exponent = weighting == TextClassWeighting.InverseFrequency ? 1.0 : 0.5;
        var raw = counts.Select(c => c > 0 ? Math.Pow(c, -exponent) : 0).ToArray();
        var mean = counts.Zip(raw, (c, w) => c * w).Sum() / labels.Count;
        return raw.Select(w => (float)(w / mean)).ToArray();
    }
}
