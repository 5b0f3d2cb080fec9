using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// What test sources compile against: the assemblies of the running framework and Live.Tools.Abstractions. Nothing is
/// downloaded (the reference-assembly packages of the testing library are not used).
/// </summary>
internal static class TestReferences
{
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> All { get; } = Create();

    private static ImmutableArray<MetadataReference> Create()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        ImmutableArray<MetadataReference>.Builder references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (string file in Directory.EnumerateFiles(framework, "*.dll").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll")
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }
        }

        references.Add(MetadataReference.CreateFromFile(typeof(LiveToolAttribute).Assembly.Location));
        return references.ToImmutable();
    }
}
