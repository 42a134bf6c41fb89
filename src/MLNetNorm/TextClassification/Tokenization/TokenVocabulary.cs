namespace MLNetNorm.TextClassification.Tokenization;

/// <summary>
/// The model's own vocabulary: the cl100k token ids seen at least a minimum number of times in the training text,
/// mapped to consecutive ids after the special tokens <see cref="Padding"/>, <see cref="Unknown"/> and
/// <see cref="Classification"/>; every other cl100k id maps to <see cref="Unknown"/>.
/// </summary>
/// <remarks>
/// cl100k has about 100,000 tokens, most of which never occur in a task's data; an embedding row per token would
/// cost 100,000 × width parameters that never train. Keeping the seen tokens makes the embedding table small and
/// lets rare tokens share the trained <see cref="Unknown"/> embedding. The mapping is saved in the model.
/// </remarks>
internal sealed class TokenVocabulary
{
    /// <summary>The padding id: embedded as zeros and masked out of attention and pooling.</summary>
    public const int Padding = 0;

    /// <summary>The id of every cl100k token outside the vocabulary.</summary>
    public const int Unknown = 1;

    /// <summary>The id of the classification token that starts every sequence (read by first-token pooling).</summary>
    public const int Classification = 2;

    /// <summary>The number of special ids before the first text token.</summary>
    public const int SpecialCount = 3;

    private readonly int[] _sourceIds;
    private readonly Dictionary<int, int> _map;

    /// <summary>Creates the vocabulary from the kept cl100k ids, in model-id order.</summary>
    public TokenVocabulary(int[] sourceIds)
    {
        _sourceIds = sourceIds;
        _map = new Dictionary<int, int>(sourceIds.Length);
        for (var i = 0; i < sourceIds.Length; i++)
        {
            if (!_map.TryAdd(sourceIds[i], SpecialCount + i))
            {
                throw new InvalidDataException($"The vocabulary lists cl100k token {sourceIds[i]} twice.");
            }
        }
    }

    /// <summary>Gets the number of model ids, special ones included.</summary>
    public int Size => SpecialCount + _sourceIds.Length;

    /// <summary>Gets the kept cl100k ids in model-id order (model id = index + <see cref="SpecialCount"/>).</summary>
    public IReadOnlyList<int> SourceIds => _sourceIds;

    /// <summary>
    /// Builds the vocabulary from tokenized training text: ids seen at least <paramref name="minCount"/> times, the
    /// <paramref name="maxSize"/> most frequent when there are more (ties broken by id, so the result is deterministic).
    /// </summary>
    public static TokenVocabulary Build(IEnumerable<IReadOnlyList<int>> documents, int minCount, int maxSize)
    {
        var counts = new Dictionary<int, int>();
        foreach (var document in documents)
        {
            foreach (var id in document)
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        var kept = counts.Where(kv => kv.Value >= minCount)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Take(Math.Max(0, maxSize - SpecialCount))
            .Select(kv => kv.Key)
            .Order()
            .ToArray();
        return new TokenVocabulary(kept);
    }

    /// <summary>Maps cl100k ids to a model sequence: <see cref="Classification"/> first, then the mapped tokens.</summary>
    public int[] ToSequence(IReadOnlyList<int> sourceIds)
    {
        var sequence = new int[sourceIds.Count + 1];
        sequence[0] = Classification;
        for (var i = 0; i < sourceIds.Count; i++)
        {
            sequence[i + 1] = _map.GetValueOrDefault(sourceIds[i], Unknown);
        }

        return sequence;
    }
}
