namespace MLNetNorm.Tests.Sweeping;

/// <summary>A temporary SQLite study file, deleted with its WAL and shared-memory companions.</summary>
internal sealed class StudyFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mlnetnorm-study-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
