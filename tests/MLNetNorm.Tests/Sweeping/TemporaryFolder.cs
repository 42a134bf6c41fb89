namespace MLNetNorm.Tests.Sweeping;

/// <summary>A temporary folder path (not created), deleted with its contents.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mlnetnorm-models-{Guid.NewGuid():N}");

    /// <summary>Returns a temporary folder that already exists (e.g. as a child process's working directory).</summary>
    public static TemporaryFolder Created()
    {
        var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.Path);
        return folder;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
