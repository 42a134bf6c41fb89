using System.Buffers.Binary;

namespace MLNetNorm.Tests.TestData;

/// <summary>Checks that a file is a PNG image (signature and IHDR chunk) and reads its size.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts <paramref name="path"/> exists and is a non-trivial PNG; returns its width and height in pixels.</summary>
    public static (int Width, int Height) AssertValid(string path)
    {
        Assert.IsTrue(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.IsGreaterThan(33, bytes.Length, $"{path} is too short to be a PNG");
        CollectionAssert.AreEqual(Signature, bytes[..8], $"{path} is not a PNG");
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4), $"{path} lacks the IHDR chunk");
        Assert.IsGreaterThan(5000, bytes.Length, $"{path}: a chart with axes, lines and text, not an empty image");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
