using MLNetNorm.TextClassification.Tokenization;
using static TorchSharp.torch;

namespace MLNetNorm.TextClassification.Training;

/// <summary>Pads token sequences into one (batch, longest) id tensor.</summary>
internal static class TokenBatch
{
    /// <summary>Creates the padded ids of the selected sequences on <paramref name="device"/>.</summary>
    /// <param name="sequences">All encoded sequences.</param>
    /// <param name="indices">The sequences of this batch.</param>
    /// <param name="device">Where the ids go.</param>
    /// <param name="tokenDropout">
    /// The probability that a text token is replaced by <see cref="TokenVocabulary.Unknown"/> (training only; special
    /// tokens are kept), drawn from <paramref name="random"/> so that a seed fixes which tokens drop.
    /// </param>
    /// <param name="random">The source of the drops; required when <paramref name="tokenDropout"/> is positive.</param>
    public static Tensor Ids(IReadOnlyList<int[]> sequences, IReadOnlyList<int> indices, Device device, double tokenDropout = 0, Random? random = null)
    {
        var length = indices.Max(i => sequences[i].Length);
        var ids = new long[indices.Count * length];
        Array.Fill(ids, TokenVocabulary.Padding);

        for (var row = 0; row < indices.Count; row++)
        {
            var sequence = sequences[indices[row]];
            for (var t = 0; t < sequence.Length; t++)
            {
                var id = sequence[t];
                if (tokenDropout > 0 && id >= TokenVocabulary.SpecialCount && random!.NextDouble() < tokenDropout)
                {
                    id = TokenVocabulary.Unknown;
                }

                ids[row * length + t] = id;
            }
        }

        return tensor(ids, [indices.Count, length], device: device);
    }

    /// <summary>Creates the class indices of the selected examples.</summary>
    public static Tensor Labels(IReadOnlyList<int> labels, IReadOnlyList<int> indices, Device device) =>
        tensor(indices.Select(i => (long)labels[i]).ToArray(), device: device);
}
