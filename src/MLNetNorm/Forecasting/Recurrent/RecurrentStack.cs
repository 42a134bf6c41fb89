using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting.Recurrent;

/// <summary>
/// A stack of recurrent layers run one after another over a batch-first sequence, with dropout between layers (not
/// inside the recurrence, and not after the last layer), as PyTorch's <c>nn.LSTM(num_layers, dropout)</c>.
/// </summary>
public abstract class RecurrentStack : nn.Module<Tensor, Tensor>
{
    private readonly double _dropout;

    // Named as registered.
    private readonly ModuleList<nn.Module<Tensor, Tensor>> layers;

    /// <summary>Creates the stack from its layers, first to last.</summary>
    /// <param name="name">The module name.</param>
    /// <param name="stackLayers">The layers; each takes the previous one's output.</param>
    /// <param name="inputSize">Features per time step of the input.</param>
    /// <param name="hiddenSize">Hidden size of every layer.</param>
    /// <param name="dropout">Dropout probability between layers, in [0, 1).</param>
    protected RecurrentStack(string name, IReadOnlyList<nn.Module<Tensor, Tensor>> stackLayers, long inputSize, long hiddenSize, double dropout)
        : base(name)
    {
        if (stackLayers.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stackLayers), "A recurrent stack needs at least one layer.");
        }

        if (!(dropout >= 0 && dropout < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        }

        (_dropout, InputSize, HiddenSize) = (dropout, inputSize, hiddenSize);
        layers = nn.ModuleList(stackLayers.ToArray());
        RegisterComponents();
    }

    /// <summary>Gets the number of features per input time step.</summary>
    public long InputSize { get; }

    /// <summary>Gets the hidden size of every layer (the output's last dimension).</summary>
    public long HiddenSize { get; }

    /// <summary>Gets the number of layers.</summary>
    public int LayerCount => layers.Count;

    /// <summary>Runs every layer over the sequence.</summary>
    /// <param name="input">Batch-first input <c>[batch, time, inputSize]</c>.</param>
    /// <returns>The last layer's hidden state at every step, <c>[batch, time, hiddenSize]</c>.</returns>
    public override Tensor forward(Tensor input)
    {
        var x = input;
        for (var i = 0; i < layers.Count; i++)
        {
            var next = layers[i].call(x);
            if (_dropout > 0 && i < layers.Count - 1)
            {
                var dropped = nn.functional.dropout(next, _dropout, training);
                next.Dispose();
                next = dropped;
            }

            if (!ReferenceEquals(x, input))
            {
                x.Dispose();
            }

            x = next;
        }

        return x;
    }
}
