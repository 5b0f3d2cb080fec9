namespace Live.Tools.Generator.Model;

/// <summary>The type that holds <c>[LiveTool]</c> methods, without its tools.</summary>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="FullTypeName">The fully qualified type name.</param>
/// <param name="Containers">The type and the types that enclose it, outermost first.</param>
/// <param name="IsStatic">Whether the type is a static class.</param>
/// <param name="Construction">How generated code creates it (factory, assembly registration); null where not parsed (the analyzer).</param>
internal sealed record TypeSpec(
    string HintName,
    string? Namespace,
    string FullTypeName,
    EquatableArray<ContainingTypeSpec> Containers,
    bool IsStatic,
    ConstructionSpec? Construction = null);

/// <summary>One tool and the type that holds it, as the first pipeline step produces them.</summary>
/// <param name="Type">The containing type.</param>
/// <param name="Tool">The tool.</param>
internal sealed record ToolMethodSpec(TypeSpec Type, ToolSpec Tool);

/// <summary>A type with all its valid tools, as the generator emits it.</summary>
/// <param name="Type">The type.</param>
/// <param name="Tools">The tools, in source order.</param>
internal sealed record ToolSetSpec(TypeSpec Type, EquatableArray<ToolSpec> Tools);
