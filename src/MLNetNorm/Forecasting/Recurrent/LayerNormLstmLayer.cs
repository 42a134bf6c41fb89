using MLNetNorm.Forecasting.Recurrent.Kernels;
using MLNetNorm.Normalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting.Recurrent;

/// <summary>
/// One LSTM layer with normalization inside the recurrence (Ba, Kiros and Hinton, 2016, section 3.1):
/// <c>(i, f, o, g) = N_x(W_x·x) + N_h(W_h·h) + b</c>, <c>c = σ(f)⊙c + σ(i)⊙tanh(g)</c>, <c>h = σ(o)⊙tanh(N_c(c))</c>,
/// where each <c>N</c> is its own norm (own γ and β) chosen by <see cref="NormKind"/>.
/// </summary>
/// <remarks>
/// <para>
/// The input projections of all time steps are computed before the loop with one matrix product and one norm call
/// (the input norm is per time step, so this is exact); each step then costs one matrix product, one norm of the
/// recurrent projection, one norm of the cell, and a few element-wise operations. With <see cref="NormKind.None"/> the
/// norms are skipped entirely and the layer computes exactly PyTorch's <c>nn.LSTM</c> (gates in the order i, f, o, g
/// here; the bias is the sum of PyTorch's two biases).
/// </para>
/// <para>
/// On the CPU the layer runs as one fused autograd function (<see cref="LstmRecurrenceFunction"/>): per step one matrix
/// product and one managed SIMD pass, instead of about fifteen tensor operations whose dispatch dominates at forecasting
/// sizes. Other devices run the same math as a composite of tensor operations (the reference the fused path is tested
/// against).
/// </para>
/// <para>Input is batch-first <c>[batch, time, inputSize]</c>; output is <c>[batch, time, hiddenSize]</c>. The state starts at zero.</para>
/// </remarks>
public sealed class LayerNormLstmLayer : nn.Module<Tensor, Tensor>
{
    private readonly long _inputSize;
    private readonly long _hidden;
    private readonly bool _normalize;

    // Named as registered: TorchSharp re-binds fields of these names when .to(device/dtype) replaces the parameters.
    private readonly Parameter input_weight;
    private readonly Parameter hidden_weight;
    private readonly Parameter bias;
    private readonly nn.Module<Tensor, Tensor> input_norm;
    private readonly nn.Module<Tensor, Tensor> hidden_norm;
    private readonly nn.Module<Tensor, Tensor> cell_norm;

    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">Features per time step of the input.</param>
    /// <param name="hiddenSize">Size of the hidden and cell state.</param>
    /// <param name="kind">The norm applied to the input projection, the recurrent projection and the cell state.</param>
    /// <param name="epsilon">ε of the norms.</param>
    public LayerNormLstmLayer(long inputSize, long hiddenSize, NormKind kind = NormKind.LayerNorm, double epsilon = Normalizations.DefaultEpsilon)
        : base(nameof(LayerNormLstmLayer))
    {
        RecurrentParameters.CheckSizes(inputSize, hiddenSize);
        (_inputSize, _hidden, _normalize, Kind) = (inputSize, hiddenSize, kind != NormKind.None, kind);
        input_weight = RecurrentParameters.Uniform(hiddenSize, 4 * hiddenSize, inputSize);
        hidden_weight = RecurrentParameters.Uniform(hiddenSize, 4 * hiddenSize, hiddenSize);
        bias = RecurrentParameters.Uniform(hiddenSize, 4 * hiddenSize);
        input_norm = Normalizations.Create(kind, 4 * hiddenSize, epsilon);
        hidden_norm = Normalizations.Create(kind, 4 * hiddenSize, epsilon);
        cell_norm = Normalizations.Create(kind, hiddenSize, epsilon);
        RegisterComponents();
    }

    /// <summary>Gets the normalization inside the recurrence.</summary>
    public NormKind Kind { get; }

    /// <summary>Gets the size of the hidden state.</summary>
    public long HiddenSize => _hidden;

    /// <summary>
    /// Gets or sets whether float32/float64 CPU tensors take the fused recurrence (<see cref="LstmRecurrenceFunction"/>);
    /// when false, or on other devices and dtypes, the step-by-step composite of tensor operations runs instead. Both
    /// compute the same function; the composite is the reference the fused kernels are tested against.
    /// </summary>
    internal bool UseFusedRecurrence { get; set; } = true;

    /// <summary>Runs the layer over a sequence.</summary>
    /// <param name="input">Batch-first input <c>[batch, time, inputSize]</c>.</param>
    /// <returns>The hidden state at every step, <c>[batch, time, hiddenSize]</c>.</returns>
    public override Tensor forward(Tensor input)
    {
        RecurrentParameters.CheckInput(input, _inputSize, nameof(LayerNormLstmLayer));
        using var scope = NewDisposeScope();
        var norms = new[] { input_norm, hidden_norm, cell_norm }.Select(n => RecurrentNormParameters.Of(Kind, n)).ToArray();
        if (UseFusedRecurrence && LstmRecurrenceFunction.Supports(input, input_weight, bias, hidden_weight, norms))
        {
            return LstmRecurrenceFunction.Apply(input, input_weight, bias, hidden_weight, norms[0], norms[1], norms[2]).MoveToOuterDisposeScope();
        }

        var inputGates = RecurrentParameters.ProjectAllSteps(input, input_weight, _normalize ? input_norm : null, bias);
        return CompositeRecurrence(inputGates.unbind(0), input.shape[0]).MoveToOuterDisposeScope();
    }

    /// <summary>The recurrence as one tensor operation after another (any device and dtype).</summary>
    private Tensor CompositeRecurrence(Tensor[] inputGates, long batch)
    {
        var recurrentWeight = hidden_weight.t();
        var h = zeros(batch, _hidden, inputGates[0].dtype, inputGates[0].device);
        var c = zeros(batch, _hidden, inputGates[0].dtype, inputGates[0].device);
        var outputs = new Tensor[inputGates.Length];
        for (var t = 0; t < inputGates.Length; t++)
        {
            var recurrent = h.matmul(recurrentWeight);
            var gates = inputGates[t] + (_normalize ? hidden_norm.call(recurrent) : recurrent);
            var sigmoids = gates.narrow(1, 0, 3 * _hidden).sigmoid().chunk(3, 1);
            var candidate = gates.narrow(1, 3 * _hidden, _hidden).tanh();
            c = torch.addcmul(sigmoids[1] * c, sigmoids[0], candidate, 1);
            h = sigmoids[2] * (_normalize ? cell_norm.call(c) : c).tanh();
            outputs[t] = h;
        }

        return stack(outputs, 1);
    }
}
