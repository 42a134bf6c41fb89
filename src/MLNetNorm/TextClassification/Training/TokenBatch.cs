using MLNetNorm.TextClassification.Tokenization;
using static TorchSharp.torch;

namespace MLNetNorm.TextClassification.Training;

/// <summary>Pads token sequences into one (batch, longest) id tensor.</summary>
internal static class TokenBatch
{
    /// <summary>Creates the padded ids of the selected sequences on <paramref name="device"/>.</summary>
    public static Tensor Ids(IReadOnlyList<int[]> sequences, IReadOnlyList<int> indices, Device device)
    {
        var length = indices.Max(i => sequences[i].Length);
        var ids = new long[indices.Count * length];
        Array.Fill(ids, TokenVocabulary.Padding);

        for (var row = 0; row < indices.Count; row++)
        {
            var sequence = sequences[indices[row]];
            for (var t = 0; t < sequence.Length; t++)
            {
                ids[row * length + t] = sequence[t];
            }
        }

        return tensor(ids, [indices.Count, length], device: device);
    }

    /// <summary>Creates the class indices of the selected examples.</summary>
    public static Tensor Labels(IReadOnlyList<int> labels, IReadOnlyList<int> indices, Device device) =>
        tensor(indices.Select(i => (long)labels[i]).ToArray(), device: device);
}
