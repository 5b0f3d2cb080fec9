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
        DiagnosticIds.TypeNotPartial,
        "The type holding a [LiveTool] method must be partial",
        "Type '{0}' must be declared partial (and so must every type that encloses it) so that the tools of '{1}' can be generated");

    public static readonly DiagnosticDescriptor UnmappableParameter = Error(
        DiagnosticIds.UnmappableParameter,
        "A [LiveTool] parameter type cannot be mapped to a Gemini schema",
        "Parameter '{0}' of tool method '{1}' cannot be mapped to a Gemini schema: {2}");

    public static readonly DiagnosticDescriptor UnwritableReturnType = Error(
        DiagnosticIds.UnwritableReturnType,
        "A [LiveTool] return type cannot be written as JSON",
        "The result of tool method '{0}' cannot be written as JSON: {1}");

    public static readonly DiagnosticDescriptor InvalidToolName = Error(
        DiagnosticIds.InvalidToolName,
        "Invalid tool name",
        "The tool name '{0}' of method '{1}' breaks Gemini's rule: it must start with a letter or '_', hold only a-z, A-Z, 0-9, '_', '.', ':' and '-', and be at most 128 characters long");

    public static readonly DiagnosticDescriptor DuplicateToolName = Error(
        DiagnosticIds.DuplicateToolName,
        "Duplicate tool name",
        "The tool name '{0}' of method '{1}' is already used by another [LiveTool] method of '{2}'");

    public static readonly DiagnosticDescriptor GenericTool = Error(
        DiagnosticIds.GenericTool,
        "A [LiveTool] method cannot be generic or in a generic type",
        "Tool method '{0}' cannot be generated: {1}");

    public static readonly DiagnosticDescriptor UnsupportedParameterModifier = Error(
        DiagnosticIds.UnsupportedParameterModifier,
        "A [LiveTool] parameter cannot be ref, out, in, params or a pointer",
        "Parameter '{0}' of tool method '{1}' is {2}; tool parameters must be plain values");

    public static readonly DiagnosticDescriptor AsyncVoid = Error(
        DiagnosticIds.AsyncVoid,
        "A [LiveTool] method cannot be async void",
        "Tool method '{0}' is async void; return Task or ValueTask so the dispatcher can await it and see its exceptions");

    public static readonly DiagnosticDescriptor DuplicateBoundParameter = Error(
        DiagnosticIds.DuplicateBoundParameter,
        "More than one CancellationToken or LiveToolContext parameter",
        "Tool method '{0}' has more than one {1} parameter; '{2}' must be removed");

    public static readonly DiagnosticDescriptor InvalidParameterName = Error(
        DiagnosticIds.InvalidParameterName,
        "Invalid parameter or property name",
        "The JSON name '{0}' in tool method '{1}' breaks Gemini's parameter-name rule: it must start with a letter or '_', hold only a-z, A-Z, 0-9 and '_', and be at most 64 characters long");

    public static readonly DiagnosticDescriptor UnsupportedMethod = Error(
        DiagnosticIds.UnsupportedMethod,
        "[LiveTool] on a method the generator cannot call",
        "Tool method '{0}' cannot be generated: {1}");

    public static readonly DiagnosticDescriptor MissingToolDescription = Warning(
        DiagnosticIds.MissingToolDescription,
        "A [LiveTool] method has no description",
        "Tool '{0}' (method '{1}') has no description; the model chooses tools by their descriptions, so add an XML <summary> or [Description]");

    public static readonly DiagnosticDescriptor MissingParameterDescription = Warning(
        DiagnosticIds.MissingParameterDescription,
        "A [LiveTool] parameter has no description",
        "Parameter '{0}' of tool method '{1}' has no description; add an XML <param> or [Description] so the model knows what to send");

    public static readonly DiagnosticDescriptor DuplicateParameterName = Error(
        DiagnosticIds.DuplicateParameterName,
        "Two [LiveTool] parameters have the same JSON name",
        "Parameter '{0}' of tool method '{1}' has the JSON name '{2}', which parameter '{3}' already uses");

    public static readonly DiagnosticDescriptor FileLocalType = Error(
        DiagnosticIds.FileLocalType,
        "The type holding a [LiveTool] method cannot be file-local",
        "Type '{0}' is file-local, so the tools of '{1}' cannot be generated: the generated part of the type lives in another file");

    public static readonly DiagnosticDescriptor SchedulingWithoutNonBlocking = Warning(
        DiagnosticIds.SchedulingWithoutNonBlocking,
        "Scheduling is set on a blocking tool",
        "Tool method '{0}' sets Scheduling, which only applies to non-blocking tools and is ignored here; add Behavior = Behavior.NonBlocking or remove Scheduling");

    public static readonly DiagnosticDescriptor NegativeTimeout = Warning(
        DiagnosticIds.NegativeTimeout,
        "TimeoutMilliseconds is negative",
        "Tool method '{0}' sets TimeoutMilliseconds to {1}, which is ignored so the loop's default timeout applies; use 0 for the default or a positive number of milliseconds");

    public static readonly DiagnosticDescriptor IgnoredPublicField = Warning(
        DiagnosticIds.IgnoredPublicField,
        "A public field of a [LiveTool] parameter or result is ignored",
        "'{0}' of tool method '{1}' is a public field, which System.Text.Json and the generated code ignore: it is not in the schema and is never read or written; mark it [JsonInclude] or make it a property");

    public static readonly DiagnosticDescriptor UnenforcedAnnotation = Warning(
        DiagnosticIds.UnenforcedAnnotation,
        "A DataAnnotations attribute on a [LiveTool] parameter is not enforced",
        "[{0}] on '{1}' of tool method '{2}' is not enforced: {3}");
    public static readonly DiagnosticDescriptor UnbindableServiceParameter = Error(
        DiagnosticIds.UnbindableServiceParameter,
        "A [LiveTool] service parameter cannot be bound",
        "Parameter '{0}' of tool method '{1}' is bound from services, but {2}");

    public static readonly DiagnosticDescriptor NoToolFactory = Warning(
        DiagnosticIds.NoToolFactory,
        "No generated factory for a tool type",
        "Tool type '{0}' gets no generated factory (ILiveToolFactory), so AddLiveTools<{0}>() and AddLiveToolsFromAssembly() cannot create it: {1}; give it one public constructor of services, mark one with [ActivatorUtilitiesConstructor], or register it with AddLiveTools(factory)");
    public static readonly DiagnosticDescriptor BlockingToolCannotStream = Warning(
        DiagnosticIds.BlockingToolCannotStream,
        "A blocking tool cannot send interim responses",
        "Tool method '{0}' {1}, but it is BLOCKING ({2}); interim responses (willContinue) exist only for NON_BLOCKING calls, so only its final result reaches the model; add Behavior = Behavior.NonBlocking, or return the final result only");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    /// <summary>The documentation page of a diagnostic: <c>docs/diagnostics/LIVEnnn.md</c>.</summary>
    public static string HelpLink(string id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, id);
}
