using System.Collections.Immutable;
using Live.Tools.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Live.Tools.Analyzers.Tests;

/// <summary>Analyzer and code-fix tests that run every Live.Tools analyzer, as a project referencing the package does.</summary>
internal static class Verify
{
    /// <summary>The usings every test source starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.IO;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Live;
        using Live.Tools;

        """;

    /// <summary>The description warnings, which most tests of other diagnostics switch off.</summary>
    public static readonly string[] DescriptionIds = ["LIVE012", "LIVE013"];

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers() => [new LiveToolAnalyzer(), new LiveToolDescriptionAnalyzer(), new LiveToolStreamingAnalyzer()];

    /// <summary>Checks that <paramref name="source"/> (after <see cref="Usings"/>) produces exactly the marked diagnostics.</summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) => AnalyzerAsync(source, DescriptionIds, expected);

    /// <summary>As <see cref="AnalyzerAsync(string, DiagnosticResult[])"/>, with the description warnings on.</summary>
    public static Task AnalyzerWithDescriptionsAsync(string source, params DiagnosticResult[] expected) => AnalyzerAsync(source, [], expected);

    public static Task AnalyzerAsync(string source, string[] disabled, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = Usings + source };
        test.DisabledDiagnostics.AddRange(disabled);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, Severity(id));

    /// <summary>Applies the settings all tests share: references, nullable, unsafe code.</summary>
    public static void Configure(SolutionState state, List<Func<Solution, ProjectId, Solution>> transforms, DocumentationMode documentation = DocumentationMode.Diagnose)
    {
        state.AdditionalReferences.AddRange(TestReferences.All);
        transforms.Add((solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            var parse = (CSharpParseOptions)project.ParseOptions!;
            return solution
                .WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable).WithAllowUnsafe(true))
                .WithProjectParseOptions(projectId, parse.WithLanguageVersion(LanguageVersion.CSharp12).WithDocumentationMode(documentation));
        });
    }

    private static DiagnosticSeverity Severity(string id)
    {
        foreach (DiagnosticAnalyzer analyzer in Analyzers())
        {
            foreach (DiagnosticDescriptor descriptor in analyzer.SupportedDiagnostics)
            {
                if (descriptor.Id == id)
                {
                    return descriptor.DefaultSeverity;
                }
            }
        }

        throw new ArgumentException("Unknown diagnostic " + id, nameof(id));
    }

    /// <summary>An analyzer test running both analyzers.</summary>
    public sealed class AnalyzerTest : CSharpAnalyzerTest<LiveToolAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest(DocumentationMode documentation = DocumentationMode.Diagnose)
        {
            ReferenceAssemblies = TestReferences.None;
            Configure(TestState, SolutionTransforms, documentation);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers();
    }

    /// <summary>A code-fix test running both analyzers and the fix <typeparamref name="TCodeFix"/>.</summary>
    public sealed class CodeFixTest<TCodeFix> : CSharpCodeFixTest<LiveToolAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        public CodeFixTest(string source, string fixedSource, string[] disabled, DocumentationMode documentation = DocumentationMode.Diagnose)
        {
            ReferenceAssemblies = TestReferences.None;
            TestCode = Usings + source;
            FixedCode = Usings + fixedSource;
            Configure(TestState, SolutionTransforms, documentation);
            DisabledDiagnostics.AddRange(disabled);

            // Diagnostics that stay after the fix (an empty doc element still describes nothing) are marked in the fixed source.
            FixedState.MarkupHandling = MarkupMode.Allow;
            BatchFixedState.MarkupHandling = MarkupMode.Allow;
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers();
    }
}
