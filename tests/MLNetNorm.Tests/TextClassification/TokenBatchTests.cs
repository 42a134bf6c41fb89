using MLNetNorm.TextClassification.Tokenization;
using MLNetNorm.TextClassification.Training;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class TokenBatchTests
{
    private static readonly int[][] Sequences =
    [
        [TokenVocabulary.Classification, 5, 6, 7],
        [TokenVocabulary.Classification, 8],
        [TokenVocabulary.Classification, .. Enumerable.Range(3, 400).Select(i => 3 + i % 50)],
    ];

    [TestMethod]
    public void Ids_PadsToTheLongestSequence()
    {
        using var ids = TokenBatch.Ids(Sequences, [0, 1], CPU);

        CollectionAssert.AreEqual(new long[] { 2, 4 }, ids.shape);
        CollectionAssert.AreEqual(new long[] { 2, 5, 6, 7, 2, 8, 0, 0 }, ids.data<long>().ToArray());
    }

    [TestMethod]
    public void TokenDropout_ReplacesAboutThatShareOfTextTokensWithUnknown_KeepingSpecialTokens()
    {
        using var ids = TokenBatch.Ids(Sequences, [2], CPU, tokenDropout: 0.25, new Random(1));
        var values = ids.data<long>().ToArray();

        Assert.AreEqual(TokenVocabulary.Classification, values[0], "the classification token never drops");
        var original = Sequences[2].Skip(1).ToArray();
        var dropped = values.Skip(1).Select((v, i) => (v, i)).Where(x => x.v != original[x.i]).ToList();
        Assert.IsTrue(dropped.All(x => x.v == TokenVocabulary.Unknown), "a dropped token becomes the unknown token");
        var share = dropped.Count / (double)original.Length;
        Assert.IsTrue(share is > 0.18 and < 0.32, $"dropped share {share:F3} for p = 0.25 over {original.Length} tokens");
    }

    [TestMethod]
    public void TokenDropout_IsFixedByTheSeed_AndOffAtZero()
    {
        using var first = TokenBatch.Ids(Sequences, [2, 0], CPU, 0.3, new Random(4));
        using var again = TokenBatch.Ids(Sequences, [2, 0], CPU, 0.3, new Random(4));
        using var off = TokenBatch.Ids(Sequences, [2, 0], CPU, 0, new Random(4));
        using var plain = TokenBatch.Ids(Sequences, [2, 0], CPU);

        CollectionAssert.AreEqual(first.data<long>().ToArray(), again.data<long>().ToArray());
        CollectionAssert.AreEqual(plain.data<long>().ToArray(), off.data<long>().ToArray());
        CollectionAssert.AreNotEqual(plain.data<long>().ToArray(), first.data<long>().ToArray());
    }
}
