using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting.Recurrent;

/// <summary>Creation and checks shared by the normalized recurrent layers.</summary>
internal static class RecurrentParameters
{
    /// <summary>
    /// A parameter drawn uniformly from ±1/√hidden, PyTorch's initialization for <c>nn.LSTM</c> and <c>nn.GRU</c>
    /// (reproducible under <c>torch.manual_seed</c>).
    /// </summary>
    public static Parameter Uniform(long hidden, params long[] shape)
    {
        var bound = 1.0 / Math.Sqrt(hidden);
        using var values = rand(shape) * (2 * bound) - bound;
        return new Parameter(values.detach().clone());
    }

    /// <summary>Throws unless <paramref name="input"/> is <c>[batch, time, features]</c> with <paramref name="features"/> features and at least one step.</summary>
    public static void CheckInput(Tensor input, long features, string module)
    {
        if (input.dim() != 3 || input.shape[2] != features || input.shape[1] == 0)
        {
            throw new ArgumentException(
                $"{module} expects batch-first input [batch, time, {features}] with at least one time step, but got shape [{string.Join(", ", input.shape)}].",
                nameof(input));
        }
    }

    /// <summary>
    /// The input part of the gates for every step at once: one matrix product and one norm call over <c>[time, batch, gates]</c>
    /// (time-major, so that each step reads one contiguous slice), plus the bias.
    /// </summary>
    public static Tensor ProjectAllSteps(Tensor input, Tensor weight, nn.Module<Tensor, Tensor>? norm, Tensor bias)
    {
        var projected = input.transpose(0, 1).matmul(weight.t());
        return (norm is null ? projected : norm.call(projected)).add(bias);
    }

    /// <summary>Validates the sizes given to a layer constructor.</summary>
    public static void CheckSizes(long inputSize, long hiddenSize)
    {
        if (inputSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size must be positive.");
        }

        if (hiddenSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "The hidden size must be positive.");
        }
    }
}
