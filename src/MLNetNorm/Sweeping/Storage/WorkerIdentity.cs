using System.Diagnostics;

namespace MLNetNorm.Sweeping.Storage;

/// <summary>Who runs a trial: a machine, a process (with its start time, so a reused process id is not mistaken for it) and a display name.</summary>
/// <param name="Host">The machine name.</param>
/// <param name="ProcessId">The process id.</param>
/// <param name="ProcessStart">The process start time in UTC ticks.</param>
/// <param name="Name">A display name.</param>
public sealed record WorkerIdentity(string Host, int ProcessId, long ProcessStart, string Name)
{
    /// <summary>Returns the identity of the current process.</summary>
    /// <param name="name">A display name; the host and process id when null.</param>
    public static WorkerIdentity Current(string? name = null)
    {
        using var process = Process.GetCurrentProcess();
        return new WorkerIdentity(Environment.MachineName, process.Id, process.StartTime.ToUniversalTime().Ticks, name ?? $"{Environment.MachineName}:{process.Id}");
    }

    /// <summary>
    /// Returns whether this worker is known to be gone: on this machine, when no process with its id and start time
    /// exists; on other machines this cannot be known here, so it returns false (the heartbeat lease decides).
    /// </summary>
    public bool IsKnownDead()
    {
        if (Host != Environment.MachineName)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            // Start times read back through /proc can differ by clock-tick rounding; a reused id starts much later.
            return process.HasExited || Math.Abs(process.StartTime.ToUniversalTime().Ticks - ProcessStart) > TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return true; // no process with this id
        }
        catch (InvalidOperationException)
        {
            return true; // the process exited while we looked
        }
    }
}
