using Microsoft.ML.Tokenizers;

namespace MLNetNorm.TextClassification.Tokenization;

/// <summary>
/// The packaged cl100k_base byte-pair encoding (the GPT-4 tokenizer of Microsoft.ML.Tokenizers), created once per
/// process, with the input cleaned so that every string tokenizes deterministically.
/// </summary>
/// <remarks>
/// A BPE over UTF-8 bytes has no out-of-vocabulary words: misspellings, code identifiers and any script split into
/// known pieces, which is what a model trained from scratch on a few thousand examples needs. Its vocabulary file ships
/// inside the Microsoft.ML.Tokenizers.Data.Cl100kBase package, so nothing is downloaded.
/// </remarks>
internal static class Cl100kTokenizer
{
    private static readonly Lazy<Tokenizer> Instance = new(() => TiktokenTokenizer.CreateForModel("gpt-4"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Encodes <paramref name="text"/> to at most <paramref name="maxTokens"/> cl100k ids.</summary>
    /// <param name="text">The text; lone UTF-16 surrogates are replaced by U+FFFD first (see <see cref="ReplaceLoneSurrogates"/>).</param>
    /// <param name="maxTokens">The most tokens to return; longer text is cut at the end.</param>
    public static IReadOnlyList<int> Encode(ReadOnlySpan<char> text, int maxTokens)
    {
        if (text.IsEmpty || maxTokens <= 0)
        {
            return [];
        }

        // Only the first characters can produce the first maxTokens tokens (a token covers at least one character in
        // practice, and cl100k averages about four), so very long text is cut before the BPE sees it.
        var limit = (int)Math.Min(text.Length, 32L * maxTokens + 64);
        var clean = ReplaceLoneSurrogates(text[..limit]);
        return Instance.Value.EncodeToIds(clean, maxTokens, out _, out _);
    }

    /// <summary>
    /// Returns <paramref name="text"/> with every unpaired UTF-16 surrogate replaced by U+FFFD, as a UTF-8 encoder
    /// would; a pair cut in half by truncation becomes one U+FFFD.
    /// </summary>
    /// <remarks>ML.NET hands text over as UTF-16 that can hold lone surrogates (e.g. a string split mid-pair).</remarks>
    public static string ReplaceLoneSurrogates(ReadOnlySpan<char> text)
    {
        var firstBad = FindLoneSurrogate(text);
        if (firstBad < 0)
        {
            return text.ToString();
        }

        var chars = text.ToArray();
        for (var i = firstBad; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static int FindLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
