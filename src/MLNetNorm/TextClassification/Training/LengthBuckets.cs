namespace MLNetNorm.TextClassification.Training;

/// <summary>
/// Batches of similar-length sequences: shuffle all examples, sort each chunk of <c>batchSize × chunkBatches</c> by
/// length, cut it into batches, then shuffle the batches. Padding shrinks to a few tokens per batch while every epoch
/// still sees different batch compositions in a different order.
/// </summary>
internal static class LengthBuckets
{
    /// <summary>Returns one epoch's batches as example indices.</summary>
    public static List<int[]> Create(IReadOnlyList<int> lengths, int batchSize, int chunkBatches, Random random)
    {
        var order = Enumerable.Range(0, lengths.Count).ToArray();
        random.Shuffle(order);
        var chunkSize = batchSize * chunkBatches;
        var batches = new List<int[]>();
        for (var start = 0; start < order.Length; start += chunkSize)
        {
            // OrderBy is stable, so equal lengths keep their shuffled order.
            var chunk = order.Skip(start).Take(chunkSize).OrderBy(i => lengths[i]).ToArray();
            batches.AddRange(chunk.Chunk(batchSize));
        }

        var shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    /// <summary>Returns batches for evaluation: all examples sorted by length, so padding is minimal.</summary>
    public static IEnumerable<int[]> Sorted(IReadOnlyList<int> lengths, int batchSize) =>
        Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]).Chunk(batchSize);
}
