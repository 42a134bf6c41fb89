using System.Numerics;

namespace MLNetNorm.Forecasting.Recurrent.Kernels;

/// <summary>
/// The gradients one backward time step reads and writes (rows of the batch, laid out as in <see cref="LstmStep{T}"/>),
/// and the parameter-gradient accumulators of the two norms (rows of scratch where a norm has no γ or β).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal unsafe struct LstmStepGradients<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The output's gradient at this step, row of batch 0 in <c>[batch, time, hidden]</c>.</summary>
    public T* Output;

    /// <summary>The distance between two batch rows of <see cref="Output"/>, in elements.</summary>
    public long OutputRowStride;

    /// <summary>The hidden state's gradient through the next step's recurrence (zeros at the last step): <c>[batch, hidden]</c>.</summary>
    public T* RecurrentHidden;

    /// <summary>The cell gradient carried from the next step in, and to the previous step out: <c>[batch, hidden]</c>.</summary>
    public T* Cell;

    /// <summary>Out: the gates' pre-activation gradient, which is the input gates' gradient: <c>[batch, 4·hidden]</c>.</summary>
    public T* Gates;

    /// <summary>Out: the recurrent projection's gradient (the same memory as <see cref="Gates"/> without a norm): <c>[batch, 4·hidden]</c>.</summary>
    public T* Recurrent;

    /// <summary>One row of <c>hidden</c> elements of scratch.</summary>
    public T* Scratch;

    /// <summary>dγ of the recurrent projection's norm, accumulated.</summary>
    public T* HiddenGamma;

    /// <summary>dβ of the recurrent projection's norm, accumulated.</summary>
    public T* HiddenBeta;

    /// <summary>dγ of the cell norm, accumulated.</summary>
    public T* CellGamma;

    /// <summary>dβ of the cell norm, accumulated.</summary>
    public T* CellBeta;
}
