using System.Numerics;

namespace MLNetNorm.Forecasting.Recurrent.Kernels;

/// <summary>
/// Where one time step's values live: rows of the batch (the input projection's rows strided, the others contiguous), each <c>4·hidden</c> (gates) or <c>hidden</c> (state) long,
/// contiguous; statistics are (μ, s) pairs per row. The forward pass writes them and the backward pass reads them.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal unsafe struct LstmStep<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The input projection <c>W_x·x</c> of batch row 0 at this step (rows <see cref="InputRowStride"/> apart), before its norm.</summary>
    public T* InputGates;

    /// <summary>The distance between two batch rows of <see cref="InputGates"/>, in elements.</summary>
    public long InputRowStride;

    /// <summary>μ and s of the input projection's norm: <c>[batch, 2]</c>.</summary>
    public T* InputStatistics;

    /// <summary>The gate bias <c>b</c>: <c>[4·hidden]</c>.</summary>
    public T* Bias;

    /// <summary>The recurrent projection <c>W_h·h₋₁</c> before its norm: <c>[batch, 4·hidden]</c>.</summary>
    public T* Recurrent;

    /// <summary>μ and s of the recurrent projection's norm: <c>[batch, 2]</c>.</summary>
    public T* HiddenStatistics;

    /// <summary>The gate activations σ(i), σ(f), σ(o), tanh(g): <c>[batch, 4·hidden]</c>.</summary>
    public T* Gates;

    /// <summary>The previous cell state (zeros at the first step): <c>[batch, hidden]</c>.</summary>
    public T* PreviousCell;

    /// <summary>The cell state: <c>[batch, hidden]</c>.</summary>
    public T* Cell;

    /// <summary>μ and s of the cell norm: <c>[batch, 2]</c>.</summary>
    public T* CellStatistics;

    /// <summary>tanh(N_c(c)): <c>[batch, hidden]</c>.</summary>
    public T* CellTanh;

    /// <summary>The hidden state, time-major: <c>[batch, hidden]</c>.</summary>
    public T* Hidden;

    /// <summary>The hidden state's row of batch 0 in the batch-first output <c>[batch, time, hidden]</c>.</summary>
    public T* Output;

    /// <summary>The distance between two batch rows of <see cref="Output"/>, in elements.</summary>
    public long OutputRowStride;
}
