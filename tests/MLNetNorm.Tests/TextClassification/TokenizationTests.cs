using Microsoft.ML.Tokenizers;
using MLNetNorm.TextClassification.Tokenization;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class TokenizationTests
{
    [TestMethod]
    public void LoneSurrogates_AreReplaced_AndPairsKept()
    {
        // Built in code: attribute arguments cannot carry lone surrogates (the metadata encoder replaces them).
        (string Input, string Expected)[] cases =
        [
            ("plain text", "plain text"),
            ("a\uD800b", "a\uFFFDb"),
            ("a\uDC00b", "a\uFFFDb"),
            ("end\uD83D", "end\uFFFD"),
            ("pair \uD83D\uDE00 kept", "pair \uD83D\uDE00 kept"),
            ("\uDE00\uD83D", "\uFFFD\uFFFD"),
        ];

        foreach (var (input, expected) in cases)
        {
            Assert.AreEqual(expected, Cl100kTokenizer.ReplaceLoneSurrogates(input), string.Join(" ", input.Select(c => ((int)c).ToString("X4"))));
        }
    }

    [TestMethod]
    public void Encode_RoundTripsThroughTheCl100kDecoder_AndTruncates()
    {
        const string text = "Uri.LocalPath drops '#' segments on Unix — naïve façade 😀";
        var decoder = TiktokenTokenizer.CreateForModel("gpt-4");

        var ids = Cl100kTokenizer.Encode(text, 1000);
        var truncated = Cl100kTokenizer.Encode(text, 5);

        Assert.AreEqual(text, decoder.Decode(ids));
        Assert.HasCount(5, truncated);
        CollectionAssert.AreEqual(ids.Take(5).ToArray(), truncated.ToArray());
        Assert.IsEmpty(Cl100kTokenizer.Encode("", 10));
    }

    [TestMethod]
    public void Vocabulary_KeepsFrequentTokens_AndMapsTheRestToUnknown()
    {
        int[][] documents = [[50, 7, 7, 9], [7, 9, 100], [9, 3]];

        var minCount2 = TokenVocabulary.Build(documents, minCount: 2, maxSize: 100);
        var top1 = TokenVocabulary.Build(documents, minCount: 1, maxSize: TokenVocabulary.SpecialCount + 1);

        CollectionAssert.AreEqual(new[] { 7, 9 }, minCount2.SourceIds.ToArray());
        Assert.AreEqual(5, minCount2.Size);
        CollectionAssert.AreEqual(new[] { 7 }, top1.SourceIds.ToArray(), "7 and 9 both occur 3 times; ties go to the smaller id");
        CollectionAssert.AreEqual(new[] { TokenVocabulary.Classification, 3, TokenVocabulary.Unknown, 4 }, minCount2.ToSequence([7, 50, 9]));
        CollectionAssert.AreEqual(new[] { TokenVocabulary.Classification }, minCount2.ToSequence([]));
    }

    [TestMethod]
    public void Encoder_JoinsColumnsInOrder_AndCapsTheSequenceLength()
    {
        var joined = TextEncoder.Join(["title".AsMemory(), ReadOnlyMemory<char>.Empty, "body".AsMemory()]);
        var encoder = new TextEncoder(TokenVocabulary.Build([Cl100kTokenizer.Encode("one two three four five six", 100)], 1, 100), MaxTokens: 4);

        Assert.AreEqual("title\nbody", joined);
        Assert.HasCount(4, encoder.Encode("one two three four five six"));
    }
}
