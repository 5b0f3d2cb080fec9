using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Diagnostics;

/// <summary>
/// Every diagnostic of the Live.Tools analyzers. Ids are stable and never reused; new ones go to
/// <c>AnalyzerReleases.Unshipped.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Live.Tools";

    private const string HelpLinkFormat = "https://github.com/live-tools/live-tools/blob/main/docs/diagnostics/{0}.md";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "LIVE001",
        "The type holding a [LiveTool] method must be partial",
        "Type '{0}' must be declared partial (and so must every type that encloses it) so that the tools of '{1}' can be generated");

    public static readonly DiagnosticDescriptor UnmappableParameter = Error(
        "LIVE002",
        "A [LiveTool] parameter type cannot be mapped to a Gemini schema",
        "Parameter '{0}' of tool method '{1}' cannot be mapped to a Gemini schema: {2}");

    public static readonly DiagnosticDescriptor UnwritableReturnType = Error(
        "LIVE003",
        "A [LiveTool] return type cannot be written as JSON",
        "The result of tool method '{0}' cannot be written as JSON: {1}");

    public static readonly DiagnosticDescriptor InvalidToolName = Error(
        "LIVE004",
        "Invalid tool name",
        "The tool name '{0}' of method '{1}' breaks Gemini's rule: it must start with a letter or '_', hold only a-z, A-Z, 0-9, '_', '.', ':' and '-', and be at most 128 characters long");

    public static readonly DiagnosticDescriptor DuplicateToolName = Error(
        "LIVE005",
        "Duplicate tool name",
        "The tool name '{0}' of method '{1}' is already used by another [LiveTool] method of '{2}'");

    public static readonly DiagnosticDescriptor GenericTool = Error(
        "LIVE006",
        "A [LiveTool] method cannot be generic or in a generic type",
        "Tool method '{0}' cannot be generated: {1}");

    public static readonly DiagnosticDescriptor UnsupportedParameterModifier = Error(
        "LIVE007",
        "A [LiveTool] parameter cannot be ref, out, in, params or a pointer",
        "Parameter '{0}' of tool method '{1}' is {2}; tool parameters must be plain values");

    public static readonly DiagnosticDescriptor AsyncVoid = Error(
        "LIVE008",
        "A [LiveTool] method cannot be async void",
        "Tool method '{0}' is async void; return Task or ValueTask so the dispatcher can await it and see its exceptions");

    public static readonly DiagnosticDescriptor DuplicateBoundParameter = Error(
        "LIVE009",
        "More than one CancellationToken or LiveToolContext parameter",
        "Tool method '{0}' has more than one {1} parameter; '{2}' must be removed");

    public static readonly DiagnosticDescriptor InvalidParameterName = Error(
        "LIVE010",
        "Invalid parameter or property name",
        "The JSON name '{0}' in tool method '{1}' breaks Gemini's parameter-name rule: it must start with a letter or '_', hold only a-z, A-Z, 0-9 and '_', and be at most 64 characters long");

    public static readonly DiagnosticDescriptor UnsupportedMethod = Error(
        "LIVE011",
        "[LiveTool] on a method the generator cannot call",
        "Tool method '{0}' cannot be generated: {1}");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, id));
}
