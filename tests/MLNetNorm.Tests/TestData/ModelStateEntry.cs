using System.IO.Compression;

namespace MLNetNorm.Tests.TestData;

/// <summary>Edits the one <c>State.bin</c> entry of a saved model zip, to test how loading meets damaged or invalid files.</summary>
internal static class ModelStateEntry
{
    /// <summary>Reads the entry, lets <paramref name="edit"/> change its bytes in place, and writes them back.</summary>
    /// <param name="modelPath">A model zip holding exactly one component state.</param>
    /// <param name="edit">Changes the entry's bytes: magic (4), payload length (8), payload, SHA-256 (32).</param>
    public static void Edit(string modelPath, Action<byte[]> edit)
    {
        using var zip = ZipFile.Open(modelPath, ZipArchiveMode.Update);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith("State.bin", StringComparison.Ordinal));
        byte[] state;
        using (var stream = entry.Open())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            state = copy.ToArray();
        }

        edit(state);
        using var rewrite = entry.Open();
        rewrite.SetLength(0);
        rewrite.Write(state);
    }
}
