namespace MLNetNorm.TextClassification.Training;

/// <summary>Examples as model token sequences (each starting with the classification token) and class indices.</summary>
/// <param name="Sequences">The token ids of each example.</param>
/// <param name="Labels">The class of each example, from 0.</param>
internal sealed record EncodedExamples(IReadOnlyList<int[]> Sequences, IReadOnlyList<int> Labels)
{
    /// <summary>Gets the number of examples.</summary>
    public int Count => Sequences.Count;

    /// <summary>Gets the length of each sequence.</summary>
    public IReadOnlyList<int> Lengths { get; } = Sequences.Select(s => s.Length).ToArray();

    /// <summary>Splits off a seeded random <paramref name="fraction"/> of the examples (at least one) as a validation set.</summary>
    /// <param name="fraction">The share held out, in (0, 1).</param>
    /// <param name="random">The source of the split.</param>
    public (EncodedExamples Training, EncodedExamples Validation) Split(double fraction, Random random)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        random.Shuffle(order);
        var validationCount = Math.Max(1, (int)Math.Round(Count * fraction));
        return (Subset(order.Skip(validationCount).Order()), Subset(order.Take(validationCount).Order()));
    }

    private EncodedExamples Subset(IEnumerable<int> indices)
    {
        var list = indices.ToList();
        return new EncodedExamples(list.Select(i => Sequences[i]).ToList(), list.Select(i => Labels[i]).ToList());
    }
}
