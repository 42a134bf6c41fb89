using MLNetNorm.Normalization;

namespace MLNetNorm.Forecasting.Recurrent;

/// <summary>
/// A multi-layer LSTM whose cells normalize inside the recurrence (<see cref="LayerNormLstmLayer"/>; Ba et al., 2016):
/// a reusable TorchSharp module with batch-first input <c>[batch, time, inputSize]</c> and output
/// <c>[batch, time, hiddenSize]</c>.
/// </summary>
/// <example>
/// <code>
/// var lstm = new LayerNormLstm(inputSize: 3, hiddenSize: 64, layers: 2, kind: NormKind.LayerNorm, dropout: 0.1);
/// Tensor hidden = lstm.call(x);   // x: [64, 48, 3] → [64, 48, 64]
/// </code>
/// </example>
public sealed class LayerNormLstm : RecurrentStack
{
    /// <summary>Creates the network.</summary>
    /// <param name="inputSize">Features per input time step.</param>
    /// <param name="hiddenSize">Hidden size of every layer.</param>
    /// <param name="layers">Number of stacked layers.</param>
    /// <param name="kind">The norm inside every cell; <see cref="NormKind.None"/> gives a plain LSTM.</param>
    /// <param name="dropout">Dropout probability between layers.</param>
    /// <param name="epsilon">ε of the norms.</param>
    public LayerNormLstm(long inputSize, long hiddenSize, int layers = 1, NormKind kind = NormKind.LayerNorm, double dropout = 0,
        double epsilon = Normalizations.DefaultEpsilon)
        : base(nameof(LayerNormLstm), Build(inputSize, hiddenSize, layers, i => new LayerNormLstmLayer(i, hiddenSize, kind, epsilon)), inputSize, hiddenSize, dropout)
    {
        Kind = kind;
    }

    /// <summary>Gets the normalization inside the cells.</summary>
    public NormKind Kind { get; }

    internal static TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>[] Build(
        long inputSize, long hiddenSize, int layers, Func<long, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>> create)
    {
        if (layers <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(layers), layers, "The number of layers must be positive.");
        }

        return Enumerable.Range(0, layers).Select(i => create(i == 0 ? inputSize : hiddenSize)).ToArray();
    }
}
