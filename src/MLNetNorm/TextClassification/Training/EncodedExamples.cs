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
}
