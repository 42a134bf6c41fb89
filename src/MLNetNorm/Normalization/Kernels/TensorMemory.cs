using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Normalization.Kernels;

/// <summary>Raw access to the memory of contiguous CPU tensors, for managed kernels that must not copy.</summary>
internal static unsafe class TensorMemory
{
    /// <summary>Whether a tensor can be addressed directly once made contiguous: on the CPU and under 2 GiB (a span's limit).</summary>
    public static bool IsAddressable(Tensor tensor) =>
        tensor.device_type == DeviceType.CPU && tensor.numel() * tensor.ElementSize < int.MaxValue;

    /// <summary>A pointer to the first element of a contiguous CPU tensor, which must outlive the pointer's use.</summary>
    public static T* Pointer<T>(Tensor tensor)
        where T : unmanaged
    {
        if (tensor.numel() == 0)
        {
            return null;
        }

        // Tensor.bytes is a span over the tensor's own storage (it throws for non-contiguous tensors).
        return (T*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));
    }
}
