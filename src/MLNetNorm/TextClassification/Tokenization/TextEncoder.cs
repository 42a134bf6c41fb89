namespace MLNetNorm.TextClassification.Tokenization;

/// <summary>Turns the text columns of one example into the model's token sequence; shared by training and prediction.</summary>
/// <param name="Vocabulary">The model's vocabulary.</param>
/// <param name="MaxTokens">The most tokens per sequence, the classification token included.</param>
internal sealed record TextEncoder(TokenVocabulary Vocabulary, int MaxTokens)
{
    /// <summary>The separator placed between text columns, so that the last word of one and the first of the next stay apart.</summary>
    public const string ColumnSeparator = "\n";

    /// <summary>Joins the columns in order, ignoring empty ones.</summary>
    public static string Join(IReadOnlyList<ReadOnlyMemory<char>> columns)
    {
        if (columns.Count == 1)
        {
            return columns[0].ToString();
        }

        return string.Join(ColumnSeparator, columns.Where(c => !c.IsEmpty).Select(c => c.ToString()));
    }

    /// <summary>Returns the cl100k ids of <paramref name="text"/>, truncated to fit after the classification token.</summary>
    public static IReadOnlyList<int> SourceIds(string text, int maxTokens) => Cl100kTokenizer.Encode(text, maxTokens - 1);

    /// <summary>Encodes joined text to a model sequence: the classification token and at most <c>MaxTokens - 1</c> text tokens.</summary>
    public int[] Encode(string text) => Vocabulary.ToSequence(SourceIds(text, MaxTokens));
}
