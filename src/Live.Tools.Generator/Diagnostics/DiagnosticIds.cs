namespace Live.Tools.Generator.Diagnostics;

/// <summary>
/// The ids of the Live.Tools diagnostics. Stable and never reused: a retired id stays retired. This file is also
/// compiled into the code-fix assembly, which must not depend on the analyzer assembly's internals.
/// </summary>
internal static class DiagnosticIds
{
    public const string TypeNotPartial = "LIVE001";
    public const string UnmappableParameter = "LIVE002";
    public const string UnwritableReturnType = "LIVE003";
    public const string InvalidToolName = "LIVE004";
    public const string DuplicateToolName = "LIVE005";
    public const string GenericTool = "LIVE006";
    public const string UnsupportedParameterModifier = "LIVE007";
    public const string AsyncVoid = "LIVE008";
    public const string DuplicateBoundParameter = "LIVE009";
    public const string InvalidParameterName = "LIVE010";
    public const string UnsupportedMethod = "LIVE011";
    public const string MissingToolDescription = "LIVE012";
    public const string MissingParameterDescription = "LIVE013";
    public const string DuplicateParameterName = "LIVE014";
    public const string FileLocalType = "LIVE015";
    public const string SchedulingWithoutNonBlocking = "LIVE016";
    public const string NegativeTimeout = "LIVE017";
    public const string IgnoredPublicField = "LIVE018";
    public const string UnenforcedAnnotation = "LIVE019";
    public const string BlockingToolCannotStream = "LIVE020";
    public const string UnbindableServiceParameter = "LIVE021";
    public const string NoToolFactory = "LIVE022";
}
