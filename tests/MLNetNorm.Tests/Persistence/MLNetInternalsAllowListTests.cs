using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MLNetNorm.Tests.Persistence;

/// <summary>
/// The library compiles against publicized ML.NET assemblies (build/MlNetInternals.targets), which would let any
/// internal slip in unnoticed. This test reads the library's metadata and fails on any non-public ML.NET type or member
/// that is not on the allow-list below, so that every dependency on ML.NET internals is a deliberate, reviewed choice.
/// </summary>
[TestClass]
public sealed class MLNetInternalsAllowListTests
{
    private static readonly HashSet<string> AllowList =
    [
        // Persistence: how a transformer lives in a model zip (Persistence/ModelPersistence.cs and the [LoadableClass] registrations).
        "type Microsoft.ML.VersionInfo",
        "member Microsoft.ML.VersionInfo::.ctor",
        "type Microsoft.ML.ModelLoadContext",
        "member Microsoft.ML.ModelLoadContext::CheckAtModel",
        "member Microsoft.ML.ModelLoadContext::TryLoadBinaryStream",
        "member Microsoft.ML.ModelSaveContext::CheckAtModel",
        "member Microsoft.ML.ModelSaveContext::SetVersionInfo",
        "member Microsoft.ML.ModelSaveContext::SaveBinaryStream",
        "type Microsoft.ML.LoadableClassAttribute",
        "member Microsoft.ML.LoadableClassAttribute::.ctor",
        "type Microsoft.ML.SignatureLoadModel",

        // Estimators: describing a new output column in GetOutputSchema (DataView/SchemaShapes.cs).
        "member Microsoft.ML.SchemaShape+Column::.ctor",

        // Hosting: the MLContext behind a catalog, for MLContext.Log, its seed and its cancellation (Training/TrainingHost.cs).
        "type Microsoft.ML.Data.IInternalCatalog",
        "member Microsoft.ML.Data.IInternalCatalog::get_Environment",
        "type Microsoft.ML.Runtime.ICancelable",
        "member Microsoft.ML.Runtime.ICancelable::get_IsCanceled",
    ];

    [TestMethod]
    public void Library_UsesOnlyAllowListedMLNetInternals()
    {
        var used = NonPublicMLNetReferences(typeof(MLNetNorm.Normalization.NormKind).Assembly.Location);
        var unexpected = used.Except(AllowList).ToList();
        Assert.IsEmpty(unexpected, "New ML.NET internals used (review, then add to the allow-list):\n" + string.Join("\n", unexpected));
        Assert.IsNotEmpty(used, "the scan should at least see the persistence internals");
    }

    private static SortedSet<string> NonPublicMLNetReferences(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

        Type? Resolve(TypeReferenceHandle handle)
        {
            var reference = metadata.GetTypeReference(handle);
            var (name, ns) = (metadata.GetString(reference.Name), metadata.GetString(reference.Namespace));
            if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return Resolve((TypeReferenceHandle)reference.ResolutionScope)?.GetNestedType(name, all);
            }

            if (reference.ResolutionScope.Kind != HandleKind.AssemblyReference)
            {
                return null;
            }

            var assembly = metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name);
            return assembly.StartsWith("Microsoft.ML", StringComparison.Ordinal)
                ? Assembly.Load(assembly).GetType(ns.Length > 0 ? $"{ns}.{name}" : name)
                : null;
        }

        static bool IsVisible(Type type) => type.IsPublic || (type.IsNestedPublic && IsVisible(type.DeclaringType!));

        foreach (var handle in metadata.TypeReferences)
        {
            if (Resolve(handle) is { } type && !IsVisible(type))
            {
                found.Add($"type {type.FullName}");
            }
        }

        foreach (var handle in metadata.MemberReferences)
        {
            var reference = metadata.GetMemberReference(handle);
            Type? type = reference.Parent.Kind switch
            {
                HandleKind.TypeReference => Resolve((TypeReferenceHandle)reference.Parent),
                HandleKind.TypeSpecification => GenericDefinition((TypeSpecificationHandle)reference.Parent),
                _ => null,
            };
            if (type is null)
            {
                continue;
            }

            var name = metadata.GetString(reference.Name);
            var members = type.GetMember(name, all);
            var nonPublic = members.Length > 0 && members.All(m => !IsVisible(type) || m switch
            {
                MethodBase method => !(method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly),
                FieldInfo field => !field.IsPublic,
                _ => false,
            });
            if (nonPublic)
            {
                found.Add($"member {type.FullName}::{name}");
            }
        }

        return found;

        Type? GenericDefinition(TypeSpecificationHandle handle)
        {
            // A member of a generic instantiation: its signature blob starts with GENERICINST, CLASS/VALUETYPE, then the type.
            var blob = metadata.GetBlobReader(metadata.GetTypeSpecification(handle).Signature);
            if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
            {
                return null;
            }

            blob.ReadCompressedInteger();
            var definition = blob.ReadTypeHandle();
            return definition.Kind == HandleKind.TypeReference ? Resolve((TypeReferenceHandle)definition) : null;
        }
    }
}
