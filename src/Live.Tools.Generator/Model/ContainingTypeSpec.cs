namespace Live.Tools.Generator.Model;

/// <summary>A type declaration the generated code repeats as <c>partial</c>.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type name.</param>
/// <param name="IsStatic">Whether the type is static.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name, bool IsStatic);
