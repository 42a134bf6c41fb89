using System.Diagnostics;

namespace MLNetNorm.Cli.Benchmarks;

/// <summary>
/// Times several cases side by side: each round runs every case once (a few iterations each), in the same order, so
/// that drift in machine speed hits all cases alike; the result per case is the median over rounds.
/// </summary>
internal static class InterleavedTimer
{
    /// <summary>Runs <paramref name="cases"/> for <paramref name="rounds"/> rounds after <paramref name="warmupRounds"/> untimed ones.</summary>
    /// <param name="cases">Named actions to time.</param>
    /// <param name="rounds">Measured rounds.</param>
    /// <param name="iterations">Calls of each action per round; the round's time is divided by it.</param>
    /// <param name="warmupRounds">
    /// Untimed rounds first. Code with many managed calls per operation needs about 30 calls before .NET's tiered JIT
    /// has compiled it fully; until then it runs slower than it will for the rest of a long training run.
    /// </param>
    /// <returns>Median milliseconds per call, by case name.</returns>
    public static Dictionary<string, double> MedianMilliseconds(IReadOnlyList<(string Name, Action Run)> cases, int rounds, int iterations, int warmupRounds = 1)
    {
        var samples = cases.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = -warmupRounds; round < rounds; round++)
        {
            foreach (var (name, run) in cases)
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

        return samples.ToDictionary(s => s.Key, s => Median(s.Value));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
