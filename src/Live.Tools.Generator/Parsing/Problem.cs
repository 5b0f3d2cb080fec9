using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <summary>
/// Something that keeps a tool from being generated. The analyzer reports it; the generator skips the tool.
/// Never stored in an incremental model (it holds a <see cref="Location"/>).
/// </summary>
/// <param name="Descriptor">The diagnostic.</param>
/// <param name="Location">Where to report it.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record Problem(DiagnosticDescriptor Descriptor, Location? Location, object?[] Arguments)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Arguments);
}
