using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator;

/// <summary>Generates declarations and dispatchers for [LiveTool] methods.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class LiveToolGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
