using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.Forecasting.Recurrent;

/// <summary>Parameter set-up shared by the recurrent layer tests.</summary>
internal static class RecurrentTestParameters
{
    /// <summary>
    /// Draws every parameter from a seeded generator: norm scales around one, everything else around zero, all ±0.5, so
    /// that γ and β differ from their initial ones and zeros and every term of the formulas is exercised.
    /// </summary>
    public static void Randomize(nn.Module module, int seed)
    {
        var random = new Random(seed);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            var center = name.EndsWith("norm.weight", StringComparison.Ordinal) ? 1.0 : 0.0;
            var values = Enumerable.Range(0, (int)parameter.numel()).Select(_ => center + 0.5 * (random.NextDouble() * 2 - 1)).ToArray();
            using var source = tensor(values).reshape(parameter.shape);
            parameter.copy_(source);
        }
    }
}
