using MLNetNorm.TextClassification.Tokenization;

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

    /// <summary>Returns the ids below <paramref name="vocabularySize"/> that no sequence contains, the special tokens excepted.</summary>
    /// <param name="vocabularySize">The number of token ids.</param>
    public List<long> AbsentTokens(int vocabularySize)
    {
        var present = new bool[vocabularySize];
        foreach (var sequence in Sequences)
        {
            foreach (var id in sequence)
            {
                present[id] = true;
            }
        }

        return Enumerable.Range(TokenVocabulary.SpecialCount, vocabularySize - TokenVocabulary.SpecialCount).Where(id => !present[id]).Select(id => (long)id).ToList();
    }

    /// <summary>Returns these examples with each of <paramref name="ids"/> replaced by the unknown token.</summary>
    /// <param name="ids">The token ids to replace.</param>
    public EncodedExamples WithUnknown(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return this;
        }

        var replaced = ids.Select(id => (int)id).ToHashSet();
        return new EncodedExamples(Sequences.Select(s => s.Select(id => replaced.Contains(id) ? TokenVocabulary.Unknown : id).ToArray()).ToList(), Labels);
    }

    private EncodedExamples Subset(IEnumerable<int> indices)
    {
        var list = indices.ToList();
        return new EncodedExamples(list.Select(i => Sequences[i]).ToList(), list.Select(i => Labels[i]).ToList());
    }
}
