using System.Security.Cryptography;
using Microsoft.ML;

namespace MLNetNorm.Persistence;

/// <summary>
/// The one place that knows how the library's transformers live inside an ML.NET model zip.
/// </summary>
/// <remarks>
/// <para>
/// Each transformer is saved like ML.NET's own: <c>mlContext.Model.Save</c> calls its <c>ICanSaveModel.Save</c>, which
/// records a <see cref="VersionInfo"/> naming this assembly and the component's loader signature; on
/// <c>mlContext.Model.Load</c>, ML.NET loads this assembly by that name, finds the <c>[LoadableClass]</c> registration and
/// calls the component's static <c>Create(IHostEnvironment, ModelLoadContext)</c>. No registration call is needed.
/// These ML.NET types are internal in ML.NET 5, so the library compiles against a publicized reference
/// (build/MlNetInternals.targets) and the allow-list test pins which internals are used.
/// </para>
/// <para>
/// A component's whole state is one entry, <c>State.bin</c>, in the component's folder of the zip: a magic number, the
/// payload length, the payload, and its SHA-256. The zip layer does not notice flipped bytes in a stored entry; the
/// checksum does, so a damaged file fails with a clear message instead of loading wrong weights.
/// </para>
/// </remarks>
internal static class ModelPersistence
{
    private const string StateEntryName = "State.bin";
    private const uint Magic = 0x4E4E4C4D; // "MLNN" in little-endian bytes

    /// <summary>Creates the version record for a component of this assembly.</summary>
    /// <param name="modelSignature">Eight characters identifying the component's format.</param>
    /// <param name="loaderSignature">The component's load name (at most 24 characters, unique in ML.NET's catalog).</param>
    /// <param name="version">The current format version; this build reads back only this version.</param>
    public static VersionInfo CreateVersion(string modelSignature, string loaderSignature, uint version) =>
        new(modelSignature, verWrittenCur: version, verReadableCur: version, verWeCanReadBack: version,
            loaderAssemblyName: typeof(ModelPersistence).Assembly.FullName, loaderSignature: loaderSignature, loaderSignatureAlt: null);

    /// <summary>Saves a component: its version record, then its state as one checksummed entry.</summary>
    /// <param name="ctx">ML.NET's save context, positioned at the component.</param>
    /// <param name="version">The component's version record.</param>
    /// <param name="writeState">Writes the component's state.</param>
    public static void Save(ModelSaveContext ctx, VersionInfo version, Action<BinaryWriter> writeState)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("MLNetNorm models are stored little-endian; big-endian platforms are not supported.");
        }

        ctx.CheckAtModel();
        ctx.SetVersionInfo(version);

        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writeState(writer);
        }

        var hash = SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length));
        ctx.SaveBinaryStream(StateEntryName, writer =>
        {
            writer.Write(Magic);
            writer.Write(payload.Length);
            writer.Write(payload.GetBuffer(), 0, (int)payload.Length);
            writer.Write(hash);
        });
    }

    /// <summary>Loads a component saved by <see cref="Save"/>, verifying version, length and checksum.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="ctx">ML.NET's load context, positioned at the component.</param>
    /// <param name="version">The component's version record.</param>
    /// <param name="component">The component's name, for error messages.</param>
    /// <param name="readState">Reads the component's state and creates it.</param>
    /// <returns>The loaded component.</returns>
    /// <exception cref="InvalidDataException">The stored state is missing, truncated, damaged or not fully consumed.</exception>
    public static T Load<T>(ModelLoadContext ctx, VersionInfo version, string component, Func<BinaryReader, T> readState)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.CheckAtModel(version);
        T? result = null;
        var found = ctx.TryLoadBinaryStream(StateEntryName, reader =>
        {
            if (reader.BaseStream.Length < sizeof(uint) + sizeof(long) || reader.ReadUInt32() != Magic)
            {
                throw Corrupt(component, "its state does not start with the MLNetNorm header");
            }

            var length = reader.ReadInt64();
            var available = reader.BaseStream.Length - reader.BaseStream.Position - SHA256.HashSizeInBytes;
            if (length < 0 || length != available)
            {
                throw Corrupt(component, $"its state should hold {length} bytes but the entry has {Math.Max(available, 0)}; the file is truncated or damaged");
            }

            var payload = reader.ReadBytes(checked((int)length));
            var hash = reader.ReadBytes(SHA256.HashSizeInBytes);
            if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
            {
                throw Corrupt(component, "the checksum of its state does not match; the file is damaged");
            }

            using var stateReader = new BinaryReader(new MemoryStream(payload, writable: false), System.Text.Encoding.UTF8);
            try
            {
                result = readState(stateReader);
            }
            catch (EndOfStreamException ex)
            {
                throw Corrupt(component, "its state ended early", ex);
            }

            if (stateReader.BaseStream.Position != stateReader.BaseStream.Length)
            {
                throw Corrupt(component, "its state has unread trailing bytes (written by a different format?)");
            }
        });

        return found && result is not null ? result : throw Corrupt(component, $"the '{StateEntryName}' entry is missing");
    }

    /// <summary>Writes a length-prefixed float array.</summary>
    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads a float array written by <see cref="WriteFloats"/>.</summary>
    public static float[] ReadFloats(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || (long)length * sizeof(float) > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"A stored float array claims {length} elements, more than the state holds.");
        }

        var values = new float[length];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Reads an enum stored as its <see cref="int"/> value, rejecting undefined values.</summary>
    public static TEnum ReadEnum<TEnum>(BinaryReader reader)
        where TEnum : struct, Enum
    {
        var raw = reader.ReadInt32();
        var value = (TEnum)(object)raw;
        return Enum.IsDefined(value) ? value : throw new InvalidDataException($"Stored value {raw} is not a valid {typeof(TEnum).Name}.");
    }

    private static InvalidDataException Corrupt(string component, string detail, Exception? inner = null) =>
        new($"The model file is corrupt: {component}: {detail}.", inner);
}
