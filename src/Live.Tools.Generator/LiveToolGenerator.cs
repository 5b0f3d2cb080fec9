using System.Collections.Generic;
using System.Collections.Immutable;
using Live.Tools.Generator.Caching;
using Live.Tools.Generator.Emitting;
using Live.Tools.Generator.Model;
using Live.Tools.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator;

/// <summary>
/// Generates, for every type with <c>[LiveTool]</c> methods, the Gemini function declarations and a reflection-free
/// dispatcher implementing <c>Live.Tools.ILiveToolSet</c>. It reports nothing: <c>LiveToolAnalyzer</c> reports the
/// problems of the methods it skips.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class LiveToolGenerator : IIncrementalGenerator
{
    private readonly ModelCache _cache = new();

    /// <summary>The version written into <c>[GeneratedCode]</c>.</summary>
    internal static readonly string Version = typeof(LiveToolGenerator).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The symbols the parser compares against, resolved once per compilation instead of once per [LiveTool] method,
        // and the models of the methods parsed in earlier compilations that still hold.
        ModelCache cache = _cache;
        IncrementalValueProvider<CompilationInputs> knownTypes = context.CompilationProvider
            .Select((compilation, _) => new CompilationInputs(compilation, cache));

        IncrementalValuesProvider<ToolMethodSpec?> methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.LiveToolAttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, _) => ctx)
            .Combine(knownTypes)
            .Select(static (pair, ct) => Parse(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.Methods);

        IncrementalValuesProvider<ToolMethodSpec> valid = methods
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.ValidMethods);

        IncrementalValuesProvider<ToolSetSpec> toolSets = valid
            .Collect()
            .WithTrackingName(TrackingNames.Collected)
            .SelectMany(static (all, ct) => Group(all))
            .WithTrackingName(TrackingNames.ToolSets);

        context.RegisterSourceOutput(toolSets, static (spc, set) => spc.AddSource(set.Type.HintName, Emitter.Emit(set)));
        RegisterConstruction(context, toolSets);
    }

    private static ImmutableArray<ToolSetSpec> Group(ImmutableArray<ToolMethodSpec> all)
    {
        var order = new List<TypeSpec>();
        var byType = new Dictionary<TypeSpec, List<ToolSpec>>();
        var names = new Dictionary<TypeSpec, HashSet<string>>();
        foreach (ToolMethodSpec method in all)
        {
            if (!byType.TryGetValue(method.Type, out List<ToolSpec>? tools))
            {
                tools = new List<ToolSpec>();
                byType.Add(method.Type, tools);
                names.Add(method.Type, new HashSet<string>(System.StringComparer.Ordinal));
                order.Add(method.Type);
            }

            // A duplicate name is an error (LIVE005) the analyzer reports; the first method keeps the name.
            if (names[method.Type].Add(method.Tool.Name))
            {
                tools.Add(method.Tool);
            }
        }

        ImmutableArray<ToolSetSpec>.Builder result = ImmutableArray.CreateBuilder<ToolSetSpec>(order.Count);
        foreach (TypeSpec type in order)
        {
            result.Add(new ToolSetSpec(type, EquatableArray.From(byType[type])));
        }

        return result.MoveToImmutable();
    }
}
