using MLNetNorm.TextClassification.Training;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class LengthBucketsTests
{
    [TestMethod]
    public void EveryExampleAppearsOnce_AndPaddingShrinks()
    {
        var random = new Random(1);
        var lengths = Enumerable.Range(0, 1000).Select(_ => random.Next(2, 200)).ToArray();

        var batches = LengthBuckets.Create(lengths, batchSize: 32, chunkBatches: 10, new Random(2));
        var unsorted = LengthBuckets.Create(lengths, batchSize: 32, chunkBatches: 1, new Random(2));

        CollectionAssert.AreEquivalent(Enumerable.Range(0, 1000).ToArray(), batches.SelectMany(b => b).ToArray());
        Assert.IsTrue(batches.All(b => b.Length is > 0 and <= 32));
        Assert.IsLessThan(Padding(unsorted, lengths) / 5, Padding(batches, lengths));
    }

    [TestMethod]
    public void SameSeed_GivesTheSameBatches()
    {
        var lengths = Enumerable.Range(0, 100).Select(i => i % 17).ToArray();
        var first = LengthBuckets.Create(lengths, 8, 4, new Random(3));
        var second = LengthBuckets.Create(lengths, 8, 4, new Random(3));

        Assert.HasCount(first.Count, second);
        for (var i = 0; i < first.Count; i++)
        {
            CollectionAssert.AreEqual(first[i], second[i]);
        }
    }

    private static long Padding(IEnumerable<int[]> batches, int[] lengths) =>
        batches.Sum(b => b.Sum(i => (long)(b.Max(j => lengths[j]) - lengths[i])));
}
