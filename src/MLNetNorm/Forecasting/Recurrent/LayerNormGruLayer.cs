using MLNetNorm.Normalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting.Recurrent;

/// <summary>
/// One GRU layer with normalization inside the recurrence, the input and recurrent projections normalized separately
/// (each with its own γ and β): with <c>a = N_x(W_x·x) + b_x</c> and <c>u = N_h(W_h·h) + b_h</c>, split into
/// (r, z, n) parts, <c>r = σ(a_r + u_r)</c>, <c>z = σ(a_z + u_z)</c>, <c>n = tanh(a_n + r⊙u_n)</c>, <c>h = (1 − z)⊙n + z⊙h</c>.
/// </summary>
/// <remarks>
/// As in <see cref="LayerNormLstmLayer"/>, the input projections of all steps take one matrix product and one norm
/// call before the loop. With <see cref="NormKind.None"/> the layer computes exactly PyTorch's <c>nn.GRU</c> (same gate
/// order and the same two biases). Input <c>[batch, time, inputSize]</c>, output <c>[batch, time, hiddenSize]</c>; the
/// state starts at zero.
/// </remarks>
public sealed class LayerNormGruLayer : nn.Module<Tensor, Tensor>
{
    private readonly long _inputSize;
    private readonly long _hidden;
    private readonly bool _normalize;

    // Named as registered: TorchSharp re-binds fields of these names when .to(device/dtype) replaces the parameters.
    private readonly Parameter input_weight;
    private readonly Parameter hidden_weight;
    private readonly Parameter input_bias;
    private readonly Parameter hidden_bias;
    private readonly nn.Module<Tensor, Tensor> input_norm;
    private readonly nn.Module<Tensor, Tensor> hidden_norm;

    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">Features per time step of the input.</param>
    /// <param name="hiddenSize">Size of the hidden state.</param>
    /// <param name="kind">The norm applied to the input and the recurrent projections.</param>
    /// <param name="epsilon">ε of the norms.</param>
    public LayerNormGruLayer(long inputSize, long hiddenSize, NormKind kind = NormKind.LayerNorm, double epsilon = Normalizations.DefaultEpsilon)
        : base(nameof(LayerNormGruLayer))
    {
        RecurrentParameters.CheckSizes(inputSize, hiddenSize);
        (_inputSize, _hidden, _normalize, Kind) = (inputSize, hiddenSize, kind != NormKind.None, kind);
        input_weight = RecurrentParameters.Uniform(hiddenSize, 3 * hiddenSize, inputSize);
        hidden_weight = RecurrentParameters.Uniform(hiddenSize, 3 * hiddenSize, hiddenSize);
        input_bias = RecurrentParameters.Uniform(hiddenSize, 3 * hiddenSize);
        hidden_bias = RecurrentParameters.Uniform(hiddenSize, 3 * hiddenSize);
        input_norm = Normalizations.Create(kind, 3 * hiddenSize, epsilon);
        hidden_norm = Normalizations.Create(kind, 3 * hiddenSize, epsilon);
        RegisterComponents();
    }

    /// <summary>Gets the normalization inside the recurrence.</summary>
    public NormKind Kind { get; }

    /// <summary>Gets the size of the hidden state.</summary>
    public long HiddenSize => _hidden;

    /// <summary>Runs the layer over a sequence.</summary>
    /// <param name="input">Batch-first input <c>[batch, time, inputSize]</c>.</param>
    /// <returns>The hidden state at every step, <c>[batch, time, hiddenSize]</c>.</returns>
    public override Tensor forward(Tensor input)
    {
        RecurrentParameters.CheckInput(input, _inputSize, nameof(LayerNormGruLayer));
        using var scope = NewDisposeScope();
        var (batch, steps) = (input.shape[0], input.shape[1]);

        var inputGates = RecurrentParameters.ProjectAllSteps(input, input_weight, _normalize ? input_norm : null, input_bias).unbind(0);

        var recurrentWeight = hidden_weight.t();
        var h = zeros(batch, _hidden, input.dtype, input.device);
        var outputs = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            var projection = h.matmul(recurrentWeight);
            var recurrent = (_normalize ? hidden_norm.call(projection) : projection).add(hidden_bias);
            var a = inputGates[t];
            var gates = (a.narrow(1, 0, 2 * _hidden) + recurrent.narrow(1, 0, 2 * _hidden)).sigmoid().chunk(2, 1);
            var candidate = torch.addcmul(a.narrow(1, 2 * _hidden, _hidden), gates[0], recurrent.narrow(1, 2 * _hidden, _hidden), 1).tanh();
            h = torch.addcmul(candidate, gates[1], h - candidate, 1);
            outputs[t] = h;
        }

        return stack(outputs, 1).MoveToOuterDisposeScope();
    }
}
