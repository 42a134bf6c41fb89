using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MLNetNorm.Forecasting.Recurrent.Kernels;

/// <summary>
/// The element-wise part of one LN-LSTM time step for a whole batch, forward and backward, fused into a few passes
/// over each row while it sits in L1. The recurrent matrix products stay in libtorch; everything between two of them
/// happens here. Gate order is i, f, o, g.
/// <code>
/// z = N_x(a) + b + N_h(r)            a = W_x·x, r = W_h·h₋₁
/// i, f, o = σ(z_i), σ(z_f), σ(z_o);  g = tanh(z_g)
/// c = f ⊙ c₋₁ + i ⊙ g;               u = tanh(N_c(c));   h = o ⊙ u
/// </code>
/// </summary>
internal static unsafe class LstmStepKernels
{
    /// <summary>Runs the forward pass of one step for every row of the batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(in LstmStep<T> step, in RecurrentNorm<T> inputNorm, in RecurrentNorm<T> hiddenNorm, in RecurrentNorm<T> cellNorm, int batch)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var hidden = cellNorm.Features;
        var (gates, width) = (4 * hidden, Vector<T>.Count);
        for (var b = 0; b < batch; b++)
        {
            var a = step.InputGates + (b * step.InputRowStride);
            var r = step.Recurrent + (long)b * gates;
            var z = step.Gates + (long)b * gates;
            var cPrevious = step.PreviousCell + (long)b * hidden;
            var c = step.Cell + (long)b * hidden;
            var u = step.CellTanh + (long)b * hidden;
            var h = step.Hidden + (long)b * hidden;
            var output = step.Output + b * step.OutputRowStride;

            // z = N_x(a) + b + N_h(r), each norm (x − μ)·s·γ + β, then the nonlinearities in place.
            var (mean, scale) = inputNorm.Statistics(a);
            step.InputStatistics[2 * b] = mean;
            step.InputStatistics[(2 * b) + 1] = scale;
            Normalize(a, mean, scale, inputNorm, z, step.Bias, gates);
            (mean, scale) = hiddenNorm.Statistics(r);
            step.HiddenStatistics[2 * b] = mean;
            step.HiddenStatistics[(2 * b) + 1] = scale;
            Normalize(r, mean, scale, hiddenNorm, z, z, gates);
            GateActivations.Sigmoid(z, 3 * hidden);
            GateActivations.Tanh(z + (3 * hidden), hidden);

            // c = f ⊙ c₋₁ + i ⊙ g.
            var gi = z;
            var gf = z + hidden;
            var go = z + (2 * hidden);
            var gg = z + (3 * hidden);
            var j = 0;
            for (; j <= hidden - width; j += width)
            {
                (Vector.Load(gf + j) * Vector.Load(cPrevious + j) + Vector.Load(gi + j) * Vector.Load(gg + j)).Store(c + j);
            }

            for (; j < hidden; j++)
            {
                c[j] = gf[j] * cPrevious[j] + gi[j] * gg[j];
            }

            // u = tanh(N_c(c)), h = o ⊙ u (also written into the batch-first output).
            (mean, scale) = cellNorm.Statistics(c);
            step.CellStatistics[2 * b] = mean;
            step.CellStatistics[(2 * b) + 1] = scale;
            Normalize(c, mean, scale, cellNorm, u, null, hidden);
            GateActivations.Tanh(u, hidden);
            j = 0;
            for (; j <= hidden - width; j += width)
            {
                var value = Vector.Load(go + j) * Vector.Load(u + j);
                value.Store(h + j);
                value.Store(output + j);
            }

            for (; j < hidden; j++)
            {
                h[j] = output[j] = go[j] * u[j];
            }
        }
    }

    /// <summary>
    /// Runs the backward pass of one step for every row: from dh (the output's gradient plus the recurrent one) and the
    /// carried dc, writes the input projection's gradient, the recurrent projection's gradient and the dc carried to the
    /// previous step, and adds to the bias's and the norms' parameter gradients.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(in LstmStep<T> step, in LstmStepGradients<T> grad, in RecurrentNorm<T> inputNorm, in RecurrentNorm<T> hiddenNorm,
        in RecurrentNorm<T> cellNorm, int batch)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var hidden = cellNorm.Features;
        var (gates, width) = (4 * hidden, Vector<T>.Count);
        var one = Vector<T>.One;
        for (var b = 0; b < batch; b++)
        {
            var z = step.Gates + (long)b * gates;
            var gi = z;
            var gf = z + hidden;
            var go = z + (2 * hidden);
            var gg = z + (3 * hidden);
            var cPrevious = step.PreviousCell + (long)b * hidden;
            var c = step.Cell + (long)b * hidden;
            var u = step.CellTanh + (long)b * hidden;
            var dOutput = grad.Output + b * grad.OutputRowStride;
            var dRecurrentHidden = grad.RecurrentHidden + (long)b * hidden;
            var dc = grad.Cell + (long)b * hidden;
            var dz = grad.Scratch;
            var dzi = dz;
            var dzf = dz + hidden;
            var dzo = dz + (2 * hidden);
            var dzg = dz + (3 * hidden);
            var dn = grad.Scratch + gates;

            // dh = output gradient + recurrent gradient; dz_o = dh ⊙ u ⊙ o(1 − o); dN_c = dh ⊙ o ⊙ (1 − u²).
            var j = 0;
            for (; j <= hidden - width; j += width)
            {
                var dh = Vector.Load(dOutput + j) + Vector.Load(dRecurrentHidden + j);
                var (o, uj) = (Vector.Load(go + j), Vector.Load(u + j));
                (dh * uj * o * (one - o)).Store(dzo + j);
                (dh * o * (one - uj * uj)).Store(dn + j);
            }

            for (; j < hidden; j++)
            {
                var dh = dOutput[j] + dRecurrentHidden[j];
                var (o, uj) = (go[j], u[j]);
                dzo[j] = dh * uj * o * (T.One - o);
                dn[j] = dh * o * (T.One - uj * uj);
            }

            cellNorm.Backward(c, step.CellStatistics[2 * b], step.CellStatistics[(2 * b) + 1], dn, dn, grad.CellGamma, grad.CellBeta);

            // dc = carried dc + dN_c⁻¹; then the gates i, f, g and the dc carried to the previous step.
            j = 0;
            for (; j <= hidden - width; j += width)
            {
                var d = Vector.Load(dc + j) + Vector.Load(dn + j);
                var (i, f, g) = (Vector.Load(gi + j), Vector.Load(gf + j), Vector.Load(gg + j));
                (d * g * i * (one - i)).Store(dzi + j);
                (d * Vector.Load(cPrevious + j) * f * (one - f)).Store(dzf + j);
                (d * i * (one - g * g)).Store(dzg + j);
                (d * f).Store(dc + j);
            }

            for (; j < hidden; j++)
            {
                var d = dc[j] + dn[j];
                var (i, f, g) = (gi[j], gf[j], gg[j]);
                dzi[j] = d * g * i * (T.One - i);
                dzf[j] = d * cPrevious[j] * f * (T.One - f);
                dzg[j] = d * i * (T.One - g * g);
                dc[j] = d * f;
            }

            // dz flows to the bias, and through N_x and N_h to the two projections.
            var dzRow = new ReadOnlySpan<T>(dz, gates);
            TensorPrimitives.Add(new ReadOnlySpan<T>(grad.Bias, gates), dzRow, new Span<T>(grad.Bias, gates));
            inputNorm.Backward(step.InputGates + (b * step.InputRowStride), step.InputStatistics[2 * b], step.InputStatistics[(2 * b) + 1], dz,
                grad.Input + (b * grad.InputRowStride), grad.InputGamma, grad.InputBeta);
            hiddenNorm.Backward(step.Recurrent + ((long)b * gates), step.HiddenStatistics[2 * b], step.HiddenStatistics[(2 * b) + 1], dz,
                grad.Recurrent + ((long)b * gates), grad.HiddenGamma, grad.HiddenBeta);
        }
    }

    /// <summary>Writes <c>(x − μ)·s·γ + β (+ add)</c> for one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Normalize<T>(T* x, T mean, T scale, in RecurrentNorm<T> norm, T* y, T* add, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var width = Vector<T>.Count;
        var (mv, sv) = (new Vector<T>(mean), new Vector<T>(scale));
        var gamma = norm.Gamma;
        var beta = norm.Beta;
        var i = 0;
        if (add != null)
        {
            for (; i <= n - width; i += width)
            {
                (Vector.Load(add + i) + ((Vector.Load(x + i) - mv) * sv * Vector.Load(gamma + i) + Vector.Load(beta + i))).Store(y + i);
            }

            for (; i < n; i++)
            {
                y[i] = add[i] + ((x[i] - mean) * scale * gamma[i] + beta[i]);
            }

            return;
        }

        for (; i <= n - width; i += width)
        {
            ((Vector.Load(x + i) - mv) * sv * Vector.Load(gamma + i) + Vector.Load(beta + i)).Store(y + i);
        }

        for (; i < n; i++)
        {
            y[i] = (x[i] - mean) * scale * gamma[i] + beta[i];
        }
    }
}
