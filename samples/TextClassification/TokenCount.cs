using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Tokenizers;

namespace TextClassificationSample;

/// <summary>Counts cl100k tokens of text columns, for a throughput figure comparable across systems.</summary>
internal static class TokenCount
{
    private static readonly Lazy<Tokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4"));

    public static long Of(IDataView data, IEnumerable<string> columns) =>
        columns.Sum(c => data.GetColumn<string>(c).Sum(t => (long)Tokenizer.Value.CountTokens(t ?? string.Empty)));
}
