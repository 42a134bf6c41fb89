using System.Numerics;
using MLNetNorm.Normalization;
using MLNetNorm.Normalization.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting.Recurrent.Kernels;

/// <summary>
/// A whole LN-LSTM layer over a sequence as one autograd function: the input projection of every step (one matrix
/// product), its norm and the gate bias, and the recurrence, from the input sequence to the hidden state of every step.
/// </summary>
/// <remarks>
/// <para>
/// Run op by op, each step costs about fifteen libtorch calls and as many autograd nodes, and at the sizes of a
/// forecaster (batch 64, hidden 64, a few features) that dispatch overhead, not arithmetic, dominates; even the input
/// projection's backward, a product with a long inner dimension and eight columns, took libtorch longer than all the
/// recurrent products here. A step is one matrix product into a preallocated buffer plus one fused managed pass
/// (<see cref="LstmStepKernels"/>); the backward pass (backpropagation through time) is one matrix product per step for
/// the hidden state's gradient, the fused managed pass, and single products over all steps at the end for the weights'
/// gradients. Float32 products run in <see cref="SmallMatrixProduct"/> where it is supported, others in libtorch.
/// </para>
/// <para>
/// Everything runs on the calling thread in a fixed order, so results are bit-for-bit reproducible. Without a gradient
/// to compute, the forward pass keeps only the buffers of the current and the previous step.
/// </para>
/// </remarks>
internal sealed unsafe class LstmRecurrenceFunction : autograd.SingleTensorFunction<LstmRecurrenceFunction>
{
    private const string SizesKey = "sizes";
    private const string InputNeedsGradient = "input_needs_gradient";

    // Positions of the tensor parameters after the input (arguments 1 to 9).
    private const int InputWeight = 0, Bias = 1, HiddenWeight = 2, InputGamma = 3, InputBeta = 4, HiddenGamma = 5, HiddenBeta = 6, CellGamma = 7, CellBeta = 8;
    private const int ParameterCount = 9;

    /// <inheritdoc/>
    public override string Name => nameof(LstmRecurrenceFunction);

    /// <summary>Whether the fused kernels can run these tensors: float32 or float64, all on the CPU, in one dtype.</summary>
    public static bool Supports(Tensor input, Tensor inputWeight, Tensor bias, Tensor hiddenWeight, params RecurrentNormParameters[] norms)
    {
        var dtype = input.dtype;
        return dtype is ScalarType.Float32 or ScalarType.Float64 && TensorMemory.IsAddressable(input) &&
            input.numel() / input.shape[^1] * 4 * hiddenWeight.shape[1] * input.ElementSize < int.MaxValue &&
            new[] { inputWeight, bias, hiddenWeight }.All(t => t.dtype == dtype && t.device_type == DeviceType.CPU) &&
            norms.All(n => n.IsReadableAs(dtype));
    }

    /// <summary>Runs the recurrence.</summary>
    /// <param name="input">The input sequence, batch-first <c>[batch, time, features]</c>.</param>
    /// <param name="inputWeight">The input weight <c>W_x</c>, <c>[4·hidden, features]</c>, gates in the order i, f, o, g.</param>
    /// <param name="bias">The gate bias <c>b</c>, <c>[4·hidden]</c>.</param>
    /// <param name="hiddenWeight">The recurrent weight <c>W_h</c>, <c>[4·hidden, hidden]</c>.</param>
    /// <param name="inputNorm">The norm of the input projection (over <c>4·hidden</c>).</param>
    /// <param name="hiddenNorm">The norm of the recurrent projection (over <c>4·hidden</c>).</param>
    /// <param name="cellNorm">The norm of the cell state (over <c>hidden</c>).</param>
    /// <returns>The hidden state of every step, batch-first <c>[batch, time, hidden]</c>, with gradients to every tensor argument.</returns>
    public static Tensor Apply(Tensor input, Tensor inputWeight, Tensor bias, Tensor hiddenWeight, RecurrentNormParameters inputNorm,
        RecurrentNormParameters hiddenNorm, RecurrentNormParameters cellNorm)
    {
        object[] arguments =
        [
            input, inputWeight, bias, hiddenWeight,
            inputNorm.Weight!, inputNorm.Bias!, hiddenNorm.Weight!, hiddenNorm.Bias!, cellNorm.Weight!, cellNorm.Bias!,
            inputNorm.Kind, inputNorm.Epsilon, hiddenNorm.Epsilon, cellNorm.Epsilon,
        ];
        if (is_grad_enabled() && arguments.OfType<Tensor>().Any(t => t.requires_grad))
        {
            return apply(arguments);
        }

        // Nothing to differentiate: no autograd node, and no buffers kept for a backward pass.
        return Forward(null, arguments);
    }

    /// <inheritdoc/>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars) => Forward(ctx, vars);

    /// <inheritdoc/>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var saved = ctx.get_saved_variables();
        using var scope = NewDisposeScope();
        var sizes = (Sizes)ctx.get_data(SizesKey);
        var g = gradOutput.to_type(saved[0].dtype).contiguous();
        var gradients = saved[0].dtype == ScalarType.Float32
            ? Backward<float>(ctx, saved, g, sizes)
            : Backward<double>(ctx, saved, g, sizes);

        // The graph holds its own references to the saved tensors; these wrappers are ours to release.
        foreach (var tensor in saved)
        {
            tensor?.Dispose();
        }

        foreach (var gradient in gradients)
        {
            gradient?.MoveToOuterDisposeScope();
        }

        return gradients;
    }

    private static Tensor Forward(autograd.AutogradContext? ctx, object[] vars)
    {
        using var scope = NewDisposeScope();
        var input = ((Tensor)vars[0]).contiguous();
        var parameters = Enumerable.Range(1, ParameterCount).Select(i => (vars[i] as Tensor)?.contiguous()).ToArray();
        var (inputWeight, hiddenWeight) = (parameters[InputWeight]!, parameters[HiddenWeight]!);
        if (input.dim() != 3 || inputWeight.dim() != 2 || hiddenWeight.dim() != 2 || inputWeight.shape[1] != input.shape[2] ||
            inputWeight.shape[0] != hiddenWeight.shape[0] || hiddenWeight.shape[0] != 4 * hiddenWeight.shape[1])
        {
            throw new ArgumentException(
                $"The input [{string.Join(", ", input.shape)}] and the weights [{string.Join(", ", inputWeight.shape)}], [{string.Join(", ", hiddenWeight.shape)}] do not fit: expected [batch, time, features], [4·hidden, features] and [4·hidden, hidden].");
        }

        var sizes = new Sizes(
            checked((int)input.shape[1]), checked((int)input.shape[0]), checked((int)hiddenWeight.shape[1]), checked((int)input.shape[2]),
            (NormKind)vars[10], (double)vars[11], (double)vars[12], (double)vars[13]);
        var saving = ctx is not null;
        var projected = input.dtype == ScalarType.Float32 ? Project<float>(input, inputWeight, sizes) : Project<double>(input, inputWeight, sizes);
        var buffers = new RecurrenceBuffers(sizes, projected.dtype, saving);
        var output = empty(sizes.Batch, sizes.Steps, sizes.Hidden, projected.dtype);
        if (projected.dtype == ScalarType.Float32)
        {
            RunForward<float>(projected, parameters, buffers, output, sizes);
        }
        else
        {
            RunForward<double>(projected, parameters, buffers, output, sizes);
        }

        if (ctx is not null)
        {
            // The input, parameters and buffers must outlive this call (TorchSharp's context keeps these very objects).
            ctx.save_for_backward(
                [input.MoveToOuterDisposeScope(), projected.MoveToOuterDisposeScope(), .. parameters.Select(p => p?.MoveToOuterDisposeScope()!), .. buffers.Saved.Select(b => b.MoveToOuterDisposeScope())]);
            ctx.save_data(SizesKey, sizes);
            ctx.save_data(InputNeedsGradient, ((Tensor)vars[0]).requires_grad);
        }

        return output.MoveToOuterDisposeScope();
    }

    /// <summary>The input projection <c>x·W_xᵀ</c> of every step in one product, batch-first <c>[batch, time, 4·hidden]</c>.</summary>
    private static Tensor Project<T>(Tensor input, Tensor inputWeight, Sizes sizes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!UsesManagedProducts<T>())
        {
            return input.matmul(inputWeight.t());
        }

        var rows = sizes.Batch * sizes.Steps;
        var projected = empty(sizes.Batch, sizes.Steps, 4 * sizes.Hidden, input.dtype);
        using var transposed = inputWeight.t().contiguous();
        SmallMatrixProduct.Multiply((float*)TensorMemory.Pointer<T>(input), sizes.Features, 1, (float*)TensorMemory.Pointer<T>(transposed), 4 * sizes.Hidden,
            (float*)TensorMemory.Pointer<T>(projected), 4 * sizes.Hidden, rows, sizes.Features, 4 * sizes.Hidden);
        return projected;
    }

    private static void RunForward<T>(Tensor projected, Tensor?[] parameters, RecurrenceBuffers buffers, Tensor output, Sizes sizes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (steps, batch, hidden) = (sizes.Steps, sizes.Batch, sizes.Hidden);
        var (inputNorm, hiddenNorm, cellNorm) = Norms<T>(parameters, buffers, sizes);
        var managed = UsesManagedProducts<T>();
        var transposedWeight = managed ? parameters[HiddenWeight]!.t().contiguous() : parameters[HiddenWeight]!.t();
        var recurrentSlots = managed ? null : buffers.Recurrent.unbind(0);
        var hiddenSlots = managed ? null : buffers.Hidden.unbind(0);
        var w = managed ? TensorMemory.Pointer<T>(transposedWeight) : null;
        var bias = TensorMemory.Pointer<T>(parameters[Bias]!);
        var o = TensorMemory.Pointer<T>(output);
        for (var t = 0; t < steps; t++)
        {
            var step = buffers.StepAt<T>(projected, t);
            if (t == 0)
            {
                new Span<T>(step.Recurrent, 4 * batch * hidden).Clear();
            }
            else if (managed)
            {
                // r_t = h_{t−1} · W_hᵀ
                SmallMatrixProduct.Multiply((float*)buffers.StepAt<T>(projected, t - 1).Hidden, hidden, 1, (float*)w, 4 * hidden,
                    (float*)step.Recurrent, 4 * hidden, batch, hidden, 4 * hidden);
            }
            else
            {
                recurrentSlots![buffers.Slot(t)].addmm_(hiddenSlots![buffers.StateSlot(t - 1)], transposedWeight, beta: 0, alpha: 1);
            }

            step.Bias = bias;
            step.Output = o + ((long)t * hidden);
            step.OutputRowStride = (long)steps * hidden;
            LstmStepKernels.Forward(step, inputNorm, hiddenNorm, cellNorm, batch);
        }
    }

    private static List<Tensor> Backward<T>(autograd.AutogradContext ctx, List<Tensor> saved, Tensor gradOutput, Sizes sizes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (steps, batch, hidden) = (sizes.Steps, sizes.Batch, sizes.Hidden);
        var (input, projected) = (saved[0], saved[1]);
        var parameters = saved.Skip(2).Take(ParameterCount).ToArray();
        var buffers = RecurrenceBuffers.FromSaved(sizes, saved.Skip(2 + ParameterCount).ToList());
        var weight = parameters[HiddenWeight];
        var (inputNorm, hiddenNorm, cellNorm) = Norms<T>(parameters, buffers, sizes);
        var gateSize = 4L * batch * hidden;

        // Gradients out: the input projection's (batch-first, as the input), and the recurrent projection's (time-major).
        var dProjected = empty(batch, steps, 4 * hidden, gradOutput.dtype);
        var dRecurrent = empty(steps, batch, 4 * hidden, gradOutput.dtype);
        var managed = UsesManagedProducts<T>();
        var dRecurrentSlots = managed ? null : dRecurrent.unbind(0);
        var dHidden = zeros(batch, hidden, gradOutput.dtype);
        var dCell = zeros(batch, hidden, gradOutput.dtype);
        var scratch = empty(5 * hidden, gradOutput.dtype);

        // Parameter gradients, one row each (b, γ_x, β_x, γ_h, β_h, γ_c, β_c): summed per step, then folded into the
        // totals (two-level summation keeps float precision).
        var stepSums = zeros(7, 4 * hidden, gradOutput.dtype);
        var totals = zeros(7, 4 * hidden, gradOutput.dtype);
        var sums = TensorMemory.Pointer<T>(stepSums);
        var sumSpan = new Span<T>(sums, 28 * hidden);
        var totalSpan = new Span<T>(TensorMemory.Pointer<T>(totals), 28 * hidden);

        var da = TensorMemory.Pointer<T>(dProjected);
        var (wh, dh, dc, work) = ((nint)TensorMemory.Pointer<T>(weight), (nint)TensorMemory.Pointer<T>(dHidden), (nint)TensorMemory.Pointer<T>(dCell), (nint)TensorMemory.Pointer<T>(scratch));
        var dr = TensorMemory.Pointer<T>(dRecurrent);
        var g = TensorMemory.Pointer<T>(gradOutput);
        for (var t = steps - 1; t >= 0; t--)
        {
            var step = buffers.StepAt<T>(projected, t);
            var gradients = new LstmStepGradients<T>
            {
                Output = g + ((long)t * hidden),
                OutputRowStride = (long)steps * hidden,
                RecurrentHidden = (T*)dh,
                Cell = (T*)dc,
                Input = da + (t * 4L * hidden),
                InputRowStride = 4L * steps * hidden,
                Recurrent = dr + (t * gateSize),
                Scratch = (T*)work,
                Bias = sums,
                InputGamma = sums + (4 * hidden),
                InputBeta = sums + (8 * hidden),
                HiddenGamma = sums + (12 * hidden),
                HiddenBeta = sums + (16 * hidden),
                CellGamma = sums + (20 * hidden),
                CellBeta = sums + (24 * hidden),
            };
            sumSpan.Clear();
            LstmStepKernels.Backward(step, gradients, inputNorm, hiddenNorm, cellNorm, batch);
            System.Numerics.Tensors.TensorPrimitives.Add(totalSpan, sumSpan, totalSpan);
            if (t > 0 && managed)
            {
                // dh_{t−1} = dr_t · W_h
                SmallMatrixProduct.Multiply((float*)(dr + (t * gateSize)), 4 * hidden, 1, (float*)wh, hidden, (float*)dh, hidden, batch, 4 * hidden, hidden);
            }
            else if (t > 0)
            {
                dHidden.addmm_(dRecurrentSlots![t], weight, beta: 0, alpha: 1);
            }
        }

        // dW_h = Σ_t dr_tᵀ · h_{t−1}: one product over all steps (h₋₁ = 0 adds nothing).
        Tensor dWeight;
        if (steps == 1)
        {
            dWeight = zeros_like(weight);
        }
        else if (managed)
        {
            dWeight = empty_like(weight);
            SmallMatrixProduct.Multiply((float*)(dr + gateSize), 1, 4 * hidden, (float*)TensorMemory.Pointer<T>(buffers.Hidden), hidden,
                (float*)TensorMemory.Pointer<T>(dWeight), hidden, 4 * hidden, (steps - 1) * batch, hidden);
        }
        else
        {
            dWeight = dRecurrent.narrow(0, 1, steps - 1).reshape(-1, 4 * hidden).t().mm(buffers.Hidden.narrow(0, 0, steps - 1).reshape(-1, hidden));
        }

        // The input projection's weight gradient dW_x = dPᵀ·x over all steps, and the input's dx = dP·W_x when it needs one.
        // Both paths compute it as dW_xᵀ = xᵀ·dP, whose long dimension is the product's inner one and whose output rows
        // are 4·hidden wide: in the dPᵀ·x orientation the output is only `features` wide, and libtorch's BLAS took 2.9 ms
        // instead of 0.32 ms for it (batch 64 × 48 steps, 8 features, hidden 64, one thread).
        var rows = batch * steps;
        Tensor dInputWeight;
        if (managed)
        {
            using var transposed = empty(sizes.Features, 4 * hidden, gradOutput.dtype);
            SmallMatrixProduct.Multiply((float*)TensorMemory.Pointer<T>(input), 1, sizes.Features, (float*)da, 4 * hidden,
                (float*)TensorMemory.Pointer<T>(transposed), 4 * hidden, sizes.Features, rows, 4 * hidden);
            dInputWeight = transposed.t().contiguous();
        }
        else
        {
            dInputWeight = input.reshape(rows, sizes.Features).t().mm(dProjected.reshape(rows, 4 * hidden)).t().contiguous();
        }

        var dInput = (bool)ctx.get_data(InputNeedsGradient)
            ? dProjected.reshape(rows, 4 * hidden).mm(parameters[InputWeight]!).reshape(batch, steps, sizes.Features)
            : null;

        Tensor? Total(int parameter, int row, long length) => parameters[parameter] is null ? null : totals[row].narrow(0, 0, length).clone();
        return
        [
            dInput!, dInputWeight, Total(Bias, 0, 4 * hidden)!, dWeight,
            Total(InputGamma, 1, 4 * hidden)!, Total(InputBeta, 2, 4 * hidden)!, Total(HiddenGamma, 3, 4 * hidden)!, Total(HiddenBeta, 4, 4 * hidden)!,
            Total(CellGamma, 5, hidden)!, Total(CellBeta, 6, hidden)!,
            null!, null!, null!, null!,
        ];
    }

    /// <summary>Whether the step products run in <see cref="SmallMatrixProduct"/> (float32 where it is supported) rather than in libtorch.</summary>
    private static bool UsesManagedProducts<T>() => typeof(T) == typeof(float) && SmallMatrixProduct.IsSupported;

    /// <summary>The three norms, with rows of ones and zeros standing in for a missing γ or β.</summary>
    private static (RecurrentNorm<T> Input, RecurrentNorm<T> Hidden, RecurrentNorm<T> Cell) Norms<T>(Tensor?[] parameters, RecurrenceBuffers buffers, Sizes sizes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var ones = TensorMemory.Pointer<T>(buffers.Ones);
        var zeros = TensorMemory.Pointer<T>(buffers.Zeros);
        T* Or(Tensor? parameter, T* fallback) => parameter is null ? fallback : TensorMemory.Pointer<T>(parameter);
        var gates = 4 * sizes.Hidden;
        return (
            new RecurrentNorm<T>(sizes.Kind, Or(parameters[InputGamma], ones), Or(parameters[InputBeta], zeros), sizes.InputEpsilon, gates),
            new RecurrentNorm<T>(sizes.Kind, Or(parameters[HiddenGamma], ones), Or(parameters[HiddenBeta], zeros), sizes.HiddenEpsilon, gates),
            new RecurrentNorm<T>(sizes.Kind, Or(parameters[CellGamma], ones), Or(parameters[CellBeta], zeros), sizes.CellEpsilon, sizes.Hidden));
    }

    /// <summary>The sizes and norm settings of one call, kept for the backward pass.</summary>
    private sealed record Sizes(int Steps, int Batch, int Hidden, int Features, NormKind Kind, double InputEpsilon, double HiddenEpsilon, double CellEpsilon);

    /// <summary>
    /// The per-step values the forward pass writes, time-major. When saving for a backward pass every step has its own
    /// slot; otherwise one slot is reused and the states alternate between two.
    /// </summary>
    private sealed class RecurrenceBuffers
    {
        private readonly bool _saving;
        private readonly Sizes _sizes;
        private nint[]? _bases;

        public RecurrenceBuffers(Sizes sizes, ScalarType dtype, bool saving)
        {
            (_saving, _sizes) = (saving, sizes);
            var (steps, batch, hidden) = (sizes.Steps, sizes.Batch, sizes.Hidden);
            var (slots, stateSlots) = saving ? (steps, steps) : (1, Math.Min(steps, 2));
            InputStatistics = empty(slots, batch, 2, dtype);
            Recurrent = empty(slots, batch, 4 * hidden, dtype);
            HiddenStatistics = empty(slots, batch, 2, dtype);
            Gates = empty(slots, batch, 4 * hidden, dtype);
            Cell = empty(stateSlots, batch, hidden, dtype);
            CellStatistics = empty(slots, batch, 2, dtype);
            CellTanh = empty(slots, batch, hidden, dtype);
            Hidden = empty(stateSlots, batch, hidden, dtype);
            (Ones, Zeros) = Constants(sizes, dtype);
        }

        private RecurrenceBuffers(Sizes sizes, List<Tensor> saved)
        {
            (_saving, _sizes) = (true, sizes);
            (InputStatistics, Recurrent, HiddenStatistics, Gates) = (saved[0], saved[1], saved[2], saved[3]);
            (Cell, CellStatistics, CellTanh, Hidden) = (saved[4], saved[5], saved[6], saved[7]);
            (Ones, Zeros) = Constants(sizes, Recurrent.dtype);
        }

        public Tensor InputStatistics { get; }

        public Tensor Recurrent { get; }

        public Tensor HiddenStatistics { get; }

        public Tensor Gates { get; }

        public Tensor Cell { get; }

        public Tensor CellStatistics { get; }

        public Tensor CellTanh { get; }

        public Tensor Hidden { get; }

        /// <summary>Ones of <c>4·hidden</c> elements (γ of a norm without one).</summary>
        public Tensor Ones { get; }

        /// <summary>Zeros of <c>max(4·hidden, batch·hidden)</c> elements (β of a norm without one, and the initial cell state).</summary>
        public Tensor Zeros { get; }

        /// <summary>The buffers a backward pass needs, in the order <see cref="FromSaved"/> reads them.</summary>
        public IEnumerable<Tensor> Saved => [InputStatistics, Recurrent, HiddenStatistics, Gates, Cell, CellStatistics, CellTanh, Hidden];

        public static RecurrenceBuffers FromSaved(Sizes sizes, List<Tensor> saved) => new(sizes, saved);

        public long Slot(int step) => _saving ? step : 0;

        public long StateSlot(int step) => _saving ? step : step & 1;

        /// <summary>Where step <paramref name="t"/> reads and writes (every field but the bias and the output).</summary>
        public LstmStep<T> StepAt<T>(Tensor projected, int t)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            // Base addresses, read once: each Tensor.bytes is a native call.
            _bases ??= [.. Saved.Append(Zeros).Append(projected).Select(b => (nint)TensorMemory.Pointer<T>(b))];
            var (batch, hidden) = ((long)_sizes.Batch, (long)_sizes.Hidden);
            var (gateSize, stateSize) = (4 * batch * hidden, batch * hidden);
            var (slot, stateSlot) = (Slot(t), StateSlot(t));
            T* At(int buffer, long offset) => (T*)_bases[buffer] + offset;
            return new LstmStep<T>
            {
                InputStatistics = At(0, slot * 2 * batch),
                Recurrent = At(1, slot * gateSize),
                HiddenStatistics = At(2, slot * 2 * batch),
                Gates = At(3, slot * gateSize),
                Cell = At(4, stateSlot * stateSize),
                PreviousCell = t == 0 ? At(8, 0) : At(4, StateSlot(t - 1) * stateSize),
                CellStatistics = At(5, slot * 2 * batch),
                CellTanh = At(6, slot * stateSize),
                Hidden = At(7, stateSlot * stateSize),
                InputGates = At(9, t * 4 * hidden),
                InputRowStride = 4 * _sizes.Steps * hidden,
            };
        }

        private static (Tensor Ones, Tensor Zeros) Constants(Sizes sizes, ScalarType dtype) =>
            (ones(4 * sizes.Hidden, dtype), zeros(Math.Max(4L * sizes.Hidden, (long)sizes.Batch * sizes.Hidden), dtype));
    }
}
