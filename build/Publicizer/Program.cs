// Copies a .NET assembly with every type, method and field made public, by patching the visibility bits of the
// metadata tables in place (no IL rewriting, no third-party package). The copy is used only as a compile-time
// reference; the real assembly ships and runs, and [IgnoresAccessChecksTo] grants the run-time access.
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Publicizer <input.dll> <output.dll>");
    return 2;
}

var bytes = File.ReadAllBytes(args[0]);
using (var pe = new PEReader(new MemoryStream(bytes)))
{
    var metadata = pe.GetMetadataReader();
    var metadataStart = pe.PEHeaders.MetadataStartOffset;
    int RowOffset(TableIndex table, EntityHandle handle) =>
        metadataStart + metadata.GetTableMetadataOffset(table) + (MetadataTokens.GetRowNumber(handle) - 1) * metadata.GetTableRowSize(table);

    var eventNames = new HashSet<string>();
    foreach (var typeHandle in metadata.TypeDefinitions)
    {
        // TypeDef row starts with Flags (uint32); visibility mask 0x7: NotPublic(0) -> Public(1), nested non-public (3..7) -> NestedPublic(2).
        var typeRow = RowOffset(TableIndex.TypeDef, typeHandle);
        var flags = BitConverter.ToUInt32(bytes, typeRow);
        var visibility = flags & 7u;
        BitConverter.GetBytes((flags & ~7u) | (visibility == 0u ? 1u : visibility >= 3u ? 2u : visibility)).CopyTo(bytes, typeRow);

        var type = metadata.GetTypeDefinition(typeHandle);
        eventNames.Clear();
        foreach (var eventHandle in type.GetEvents())
        {
            eventNames.Add(metadata.GetString(metadata.GetEventDefinition(eventHandle).Name));
        }

        // Field row starts with Flags (uint16); access mask 0x7, Public = 6. Event backing fields keep their access,
        // or the compiler would see a public field and a public event of the same name.
        foreach (var fieldHandle in type.GetFields())
        {
            if (eventNames.Contains(metadata.GetString(metadata.GetFieldDefinition(fieldHandle).Name)))
            {
                continue;
            }

            var fieldRow = RowOffset(TableIndex.Field, fieldHandle);
            BitConverter.GetBytes((ushort)((BitConverter.ToUInt16(bytes, fieldRow) & ~7) | 6)).CopyTo(bytes, fieldRow);
        }

        // MethodDef row: RVA (uint32), ImplFlags (uint16), Flags (uint16); access mask 0x7, Public = 6.
        foreach (var methodHandle in type.GetMethods())
        {
            var flagsOffset = RowOffset(TableIndex.MethodDef, methodHandle) + 6;
            BitConverter.GetBytes((ushort)((BitConverter.ToUInt16(bytes, flagsOffset) & ~7) | 6)).CopyTo(bytes, flagsOffset);
        }
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
File.WriteAllBytes(args[1], bytes);
return 0;
