using MLNetNorm.Normalization;
using MLNetNorm.TextClassification;
using MLNetNorm.TextClassification.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class TextTransformerNetworkTests
{
    [TestMethod]
    [DataRow(TextPooling.Mean, NormPlacement.PreNorm)]
    [DataRow(TextPooling.FirstToken, NormPlacement.PostNorm)]
    [DataRow(TextPooling.Max, NormPlacement.PreNorm)]
    public void Padding_DoesNotChangeASequencesLogits(TextPooling pooling, NormPlacement placement)
    {
        manual_seed(1);
        using var network = new TextTransformerNetwork(Architecture(NormKind.LayerNorm, placement, pooling));
        network.eval();
        using var alone = tensor(new long[] { 2, 5, 6, 7 }, [1, 4]);
        using var padded = tensor(new long[] { 2, 5, 6, 7, 0, 0, 2, 9, 8, 7, 6, 5 }, [2, 6]);

        using var expected = network.call(alone);
        using var actual = network.call(padded);

        Assert.IsTrue(actual[0].allclose(expected[0], rtol: 1e-4, atol: 1e-5));
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm, NormPlacement.PreNorm, 2 * 2 + 1)]
    [DataRow(NormKind.LayerNorm, NormPlacement.PostNorm, 2 * 2)]
    [DataRow(NormKind.RmsNorm, NormPlacement.PreNorm, 2 * 2 + 1)]
    [DataRow(NormKind.None, NormPlacement.PreNorm, 0)]
    public void NormsArePlacedByTheCoreHelpers(NormKind kind, NormPlacement placement, int expectedNorms)
    {
        using var network = new TextTransformerNetwork(Architecture(kind, placement, TextPooling.Mean));

        var norms = network.named_modules().Where(m => m.module is LayerNorm or RmsNorm).Select(m => m.name).ToList();

        Assert.HasCount(expectedNorms, norms, string.Join(", ", norms));
        var parameters = network.named_parameters().ToList();
        Assert.HasCount(parameters.Count, parameters.Select(p => p.parameter.Handle).Distinct(), "no parameter may be registered twice");
    }

    [TestMethod]
    public void Attention_MatchesADoublePrecisionReference()
    {
        manual_seed(3);
        const int width = 4, heads = 2, time = 3;
        using var attention = new MultiHeadSelfAttention(width, heads, dropout: 0);
        attention.eval();
        var random = new Random(4);
        var x = Enumerable.Range(0, time * width).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        bool[] mask = [true, true, false];
        using var input = tensor(x.Select(v => (float)v).ToArray(), [1, time, width]);
        using var maskTensor = tensor(mask, [1, time]);

        using var actual = attention.call(input, maskTensor);

        var parameters = attention.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().Select(v => (double)v).ToArray());
        var expected = Reference(x, mask, parameters["projection.weight"], parameters["projection.bias"], parameters["output.weight"], parameters["output.bias"], time, width, heads);
        var values = actual.data<float>().ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i], values[i], 1e-5, $"element {i}");
        }
    }

    /// <summary>Self-attention from the formulas: per head softmax(q·k/√d over unmasked keys)·v, heads concatenated, then the output projection.</summary>
    private static double[] Reference(double[] x, bool[] mask, double[] wIn, double[] bIn, double[] wOut, double[] bOut, int time, int width, int heads)
    {
        var headSize = width / heads;
        var qkv = new double[time, 3 * width];
        for (var t = 0; t < time; t++)
        {
            for (var o = 0; o < 3 * width; o++)
            {
                qkv[t, o] = bIn[o] + Enumerable.Range(0, width).Sum(i => wIn[o * width + i] * x[t * width + i]);
            }
        }

        var concat = new double[time, width];
        for (var h = 0; h < heads; h++)
        {
            for (var t = 0; t < time; t++)
            {
                var scores = Enumerable.Range(0, time).Select(s => mask[s]
                    ? Enumerable.Range(0, headSize).Sum(d => qkv[t, h * headSize + d] * qkv[s, width + h * headSize + d]) / Math.Sqrt(headSize)
                    : double.NegativeInfinity).ToArray();
                var max = scores.Max();
                var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
                var total = weights.Sum();
                for (var d = 0; d < headSize; d++)
                {
                    concat[t, h * headSize + d] = Enumerable.Range(0, time).Sum(s => weights[s] / total * qkv[s, 2 * width + h * headSize + d]);
                }
            }
        }

        var output = new double[time * width];
        for (var t = 0; t < time; t++)
        {
            for (var o = 0; o < width; o++)
            {
                output[t * width + o] = bOut[o] + Enumerable.Range(0, width).Sum(i => wOut[o * width + i] * concat[t, i]);
            }
        }

        return output;
    }

    private static TextTransformerArchitecture Architecture(NormKind norm, NormPlacement placement, TextPooling pooling) =>
        new(VocabularySize: 12, Classes: 3, MaxTokens: 8, Width: 8, Heads: 2, Layers: 2, FeedForwardWidth: 16, Dropout: 0.1, norm, placement, pooling);
}
