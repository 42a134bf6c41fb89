using TorchSharp;

namespace MLNetNorm.Runtime;

/// <summary>Parses the device option that every estimator and CLI command accepts.</summary>
/// <remarks>
/// Accepted values: <c>cpu</c>, <c>cuda</c> (device 0), <c>cuda:N</c>, and <c>auto</c> (the first GPU when a CUDA
/// backend is loaded and sees one, otherwise the CPU). Asking for a GPU that is not there fails at once, when the option
/// is resolved, instead of at the first tensor operation of a long training run.
/// </remarks>
public static class TorchDevice
{
    /// <summary>The option value that picks a GPU when one is usable and the CPU otherwise.</summary>
    public const string Auto = "auto";

    /// <summary>Resolves a device option to a TorchSharp device.</summary>
    /// <param name="device"><c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c> (case-insensitive); null means <c>auto</c>.</param>
    /// <returns>The device to place modules and tensors on.</returns>
    /// <exception cref="ArgumentException">The value is not one of the accepted forms.</exception>
    /// <exception cref="InvalidOperationException">A GPU was requested but no CUDA backend or device is available.</exception>
    public static torch.Device Resolve(string? device)
    {
        TorchRuntime.EnsureLoaded();
        var spec = (device ?? Auto).Trim().ToLowerInvariant();
        if (spec == Auto)
        {
            return TorchRuntime.IsCudaAvailable ? torch.CUDA : torch.CPU;
        }

        if (spec == "cpu")
        {
            return torch.CPU;
        }

        if (spec == "cuda" || spec.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var index = 0;
            if (spec.Length > 4 && (!int.TryParse(spec.AsSpan(5), out index) || index < 0))
            {
                throw new ArgumentException($"Device '{device}' is not valid: the GPU index after 'cuda:' must be a non-negative integer.", nameof(device));
            }

            if (!TorchRuntime.IsCudaAvailable)
            {
                throw new InvalidOperationException(
                    $"Device '{device}' was requested, but TorchSharp has no usable CUDA backend in this process. " +
                    "The application references a CPU-only backend (TorchSharp-cpu) or no NVIDIA GPU/driver is visible. " +
                    "Reference TorchSharp-cuda-linux or TorchSharp-cuda-windows instead of TorchSharp-cpu on a machine with an NVIDIA GPU, or use --device cpu.");
            }

            var count = TorchRuntime.CudaDeviceCount;
            if (index >= count)
            {
                throw new InvalidOperationException($"Device '{device}' was requested, but only {count} CUDA device(s) are visible (cuda:0 to cuda:{count - 1}).");
            }

            return torch.device(DeviceType.CUDA, index);
        }

        throw new ArgumentException($"Device '{device}' is not valid: use cpu, cuda, cuda:N or auto.", nameof(device));
    }
}
