using System.Diagnostics;

namespace MLNetNorm.Cli.Benchmarks;

/// <summary>
/// Times several cases side by side: each round runs every case once (a few iterations each), so that drift in machine
/// speed hits all cases alike. Ratios are taken within each round and then their median, which cancels most of the
/// drift a shared VM shows from one second to the next. Odd rounds run the cases in reverse order: a case inherits the
/// cache its predecessor left (a 16 MB input is still in L3, or was evicted), and in a fixed order the second of two
/// identical kernels measured 3–7% faster than the first.
/// </summary>
internal sealed class InterleavedTimer
{
    private readonly Dictionary<string, List<double>> _samples;

    private InterleavedTimer(Dictionary<string, List<double>> samples) => _samples = samples;

    /// <summary>Runs <paramref name="cases"/> for <paramref name="rounds"/> rounds after <paramref name="warmupRounds"/> untimed ones.</summary>
    /// <param name="cases">Named actions to time.</param>
    /// <param name="rounds">Measured rounds.</param>
    /// <param name="iterations">Calls of each action per round; the round's time is divided by it.</param>
    /// <param name="warmupRounds">
    /// Untimed rounds first. Code with many managed calls per operation needs about 30 calls before .NET's tiered JIT
    /// has compiled it fully; until then it runs slower than it will for the rest of a long training run.
    /// </param>
    /// <returns>The per-round times, for <see cref="Milliseconds"/> and <see cref="Ratio"/>.</returns>
    public static InterleavedTimer Run(IReadOnlyList<(string Name, Action Run)> cases, int rounds, int iterations, int warmupRounds = 1)
    {
        var samples = cases.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = -warmupRounds; round < rounds; round++)
        {
            foreach (var (name, run) in (round & 1) == 0 ? cases : cases.Reverse())
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < iterations; i++)
                {
                    run();
                }

                if (round >= 0)
                {
                    samples[name].Add(clock.Elapsed.TotalMilliseconds / iterations);
                }
            }
        }

        return new InterleavedTimer(samples);
    }

    /// <summary>Gets the case names in the order they ran.</summary>
    public IEnumerable<string> Names => _samples.Keys;

    /// <summary>The median milliseconds per call of one case.</summary>
    public double Milliseconds(string name) => Median(_samples[name]);

    /// <summary>The median over rounds of <paramref name="numerator"/>'s time divided by <paramref name="denominator"/>'s in the same round.</summary>
    public double Ratio(string numerator, string denominator) =>
        Median(_samples[numerator].Zip(_samples[denominator], (a, b) => a / b).ToList());

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
