using System.Collections.Generic;
using Live.Tools.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator.Parsing;

/// <content>
/// Warnings that do not keep a tool from being generated but say what it will not do: public fields System.Text.Json
/// ignores (LIVE018) and DataAnnotations the dispatcher cannot check where they stand (LIVE019).
/// </content>
internal static partial class ToolParser
{
    /// <summary>Reports what the mapper noted about the value just mapped, at <paramref name="location"/>, and forgets it.</summary>
    private static void ReportMappingNotes(TypeMapper mapper, IMethodSymbol method, Location? location, List<Problem> problems)
    {
        foreach (string field in mapper.IgnoredFields)
        {
            problems.Add(new Problem(DiagnosticDescriptors.IgnoredPublicField, location, new object?[] { field, method.Name }));
        }

        foreach ((string path, Unenforced annotation) in mapper.UnenforcedAnnotations)
        {
            problems.Add(new Problem(DiagnosticDescriptors.UnenforcedAnnotation, location, new object?[] { annotation.Attribute, path, method.Name, annotation.Reason }));
        }

        mapper.IgnoredFields.Clear();
        mapper.UnenforcedAnnotations.Clear();
    }

    private static void ReportUnenforced(List<Unenforced> unenforced, string parameterName, IMethodSymbol method, Location? location, List<Problem> problems)
    {
        foreach (Unenforced annotation in unenforced)
        {
            problems.Add(new Problem(DiagnosticDescriptors.UnenforcedAnnotation, location, new object?[] { annotation.Attribute, parameterName, method.Name, annotation.Reason }));
        }
    }
}
