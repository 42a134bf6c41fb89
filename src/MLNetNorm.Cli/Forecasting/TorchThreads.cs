using System.CommandLine;
using MLNetNorm.Runtime;

namespace MLNetNorm.Cli.Forecasting;

/// <summary>
/// The <c>--threads</c> option of the forecasting commands. A recurrent step is a chain of small operations (batch ×
/// hidden of a few thousand elements); on a 2-core machine shared with other work, libtorch's intra-op threads cost more
/// in synchronization than they gain (measured 5–20× slower steps with 2 threads under load), so the default is 1.
/// </summary>
internal static class TorchThreads
{
    public static Option<int> CreateOption() =>
        new("--threads") { Description = "libtorch intra-op threads (0 = libtorch's default). 1 is fastest for small recurrent networks.", DefaultValueFactory = _ => 1 };

    public static void Apply(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        TorchRuntime.EnsureLoaded();
        if (threads > 0)
        {
            TorchSharp.torch.set_num_threads(threads);
        }
    }
}
