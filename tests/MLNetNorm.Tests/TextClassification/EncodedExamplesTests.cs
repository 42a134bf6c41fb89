using MLNetNorm.TextClassification.Tokenization;
using MLNetNorm.TextClassification.Training;

namespace MLNetNorm.Tests.TextClassification;

/// <summary><see cref="EncodedExamples"/>: which tokens a set lacks, and replacing tokens by [UNK].</summary>
[TestClass]
public sealed class EncodedExamplesTests
{
    [TestMethod]
    public void AbsentTokens_AreTheNonSpecialIdsNoSequenceContains()
    {
        var examples = new EncodedExamples([[TokenVocabulary.Classification, 3, 5], [TokenVocabulary.Classification, 5, 6]], [0, 1]);

        CollectionAssert.AreEqual(new long[] { 4, 7, 8 }, examples.AbsentTokens(9));
    }

    [TestMethod]
    public void WithUnknown_ReplacesOnlyTheGivenIds_AndKeepsLabelsAndLengths()
    {
        var examples = new EncodedExamples([[TokenVocabulary.Classification, 3, 5], [TokenVocabulary.Classification, 5, 6]], [0, 1]);

        var replaced = examples.WithUnknown([5]);

        CollectionAssert.AreEqual(new[] { TokenVocabulary.Classification, 3, TokenVocabulary.Unknown }, replaced.Sequences[0]);
        CollectionAssert.AreEqual(new[] { TokenVocabulary.Classification, TokenVocabulary.Unknown, 6 }, replaced.Sequences[1]);
        CollectionAssert.AreEqual(new[] { 0, 1 }, replaced.Labels.ToArray());
        CollectionAssert.AreEqual(examples.Lengths.ToArray(), replaced.Lengths.ToArray());
        CollectionAssert.AreEqual(new[] { TokenVocabulary.Classification, 3, 5 }, examples.Sequences[0], "the original is unchanged");
    }
}
