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

    /// <summary>Out: the input projection's gradient, batch row 0 at this step (rows <see cref="InputRowStride"/> apart).</summary>
    public T* Input;

    /// <summary>The distance between two batch rows of <see cref="Input"/>, in elements.</summary>
    public long InputRowStride;

    /// <summary>Out: the recurrent projection's gradient: <c>[batch, 4·hidden]</c>.</summary>
    public T* Recurrent;

    /// <summary><c>5·hidden</c> elements of scratch (the gates' pre-activation gradient of one row, then the cell norm's).</summary>
    public T* Scratch;

    /// <summary>d<c>b</c>, accumulated.</summary>
    public T* Bias;

    /// <summary>dγ of the input projection's norm, accumulated.</summary>
    public T* InputGamma;

    /// <summary>dβ of the input projection's norm, accumulated.</summary>
    public T* InputBeta;

    /// <summary>dγ of the recurrent projection's norm, accumulated.</summary>
    public T* HiddenGamma;

    /// <summary>dβ of the recurrent projection's norm, accumulated.</summary>
    public T* HiddenBeta;

    /// <summary>dγ of the cell norm, accumulated.</summary>
    public T* CellGamma;

    /// <summary>dβ of the cell norm, accumulated.</summary>
    public T* CellBeta;
}
