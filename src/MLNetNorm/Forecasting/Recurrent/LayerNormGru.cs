using MLNetNorm.Normalization;

namespace MLNetNorm.Forecasting.Recurrent;

/// <summary>
/// A multi-layer GRU whose cells normalize the input and recurrent projections separately (<see cref="LayerNormGruLayer"/>):
/// a reusable TorchSharp module with batch-first input <c>[batch, time, inputSize]</c> and output <c>[batch, time, hiddenSize]</c>.
/// </summary>
public sealed class LayerNormGru : RecurrentStack
{
    /// <summary>Creates the network.</summary>
    /// <param name="inputSize">Features per input time step.</param>
    /// <param name="hiddenSize">Hidden size of every layer.</param>
    /// <param name="layers">Number of stacked layers.</param>
    /// <param name="kind">The norm inside every cell; <see cref="NormKind.None"/> gives a plain GRU.</param>
    /// <param name="dropout">Dropout probability between layers.</param>
    /// <param name="epsilon">ε of the norms.</param>
    public LayerNormGru(long inputSize, long hiddenSize, int layers = 1, NormKind kind = NormKind.LayerNorm, double dropout = 0,
        double epsilon = Normalizations.DefaultEpsilon)
        : base(nameof(LayerNormGru), LayerNormLstm.Build(inputSize, hiddenSize, layers, i => new LayerNormGruLayer(i, hiddenSize, kind, epsilon)), inputSize, hiddenSize, dropout)
    {
        Kind = kind;
    }

    /// <summary>Gets the normalization inside the cells.</summary>
    public NormKind Kind { get; }
}
