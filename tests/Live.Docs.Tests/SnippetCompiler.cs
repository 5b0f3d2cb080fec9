using System.Collections.Immutable;
using System.Reflection;
using Live.Tools.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Live.Docs.Tests;

/// <summary>The outcome of compiling one snippet.</summary>
/// <param name="Image">The assembly, or null when it did not compile.</param>
/// <param name="Problems">Errors and warnings (compiler, generator, analyzers), formatted with the snippet's lines.</param>
/// <param name="Source">The source that was compiled (snippet in its context), for a failure message.</param>
internal sealed record CompiledSnippet(byte[]? Image, IReadOnlyList<string> Problems, string Source);

/// <summary>
/// Compiles a snippet as a user's project would: C# 12, nullable on, the SDK's implicit usings for a console app, with the
/// [LiveTool] generator and every analyzer and suppressor of Live.Tools.Generator, against this test's own references
/// (the framework, Live.Runtime, Live.Testing, xunit). Warnings count as problems.
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>The line of a context file where the snippet's text goes.</summary>
    public const string Marker = "// <snippet/>";

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Parse);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => MetadataReference.CreateFromFile(p)),
    ];

    // What <ImplicitUsings>enable</ImplicitUsings> gives a console project.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;

        """;

    public static string ContextDirectory { get; } = Path.Combine(TestRepository.Root, "tests", "Live.Docs.Tests", "Contexts");

    public static CompiledSnippet Compile(DocSnippet snippet)
    {
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(ImplicitUsings, s_parseOptions, path: "ImplicitUsings.g.cs") };
        string snippetPath = snippet.File + ".cs";
        string source = snippet.Code;
        if (snippet.Context is { } context)
        {
            string contextFile = Path.Combine(ContextDirectory, context + ".cs");
            if (!File.Exists(contextFile))
            {
                return new CompiledSnippet(null, [$"the context \"{context}\" does not exist (expected tests/Live.Docs.Tests/Contexts/{context}.cs)"], source);
            }

            string contextText = File.ReadAllText(contextFile).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (contextText.Contains(Marker, StringComparison.Ordinal))
            {
                // The snippet goes inside the context (a method body, a class…); line numbers are the combined file's.
                source = contextText.Replace(Marker, snippet.Code.TrimEnd('\n'), StringComparison.Ordinal);
                snippetPath = snippet.File + " in " + context + ".cs";
            }
            else
            {
                trees.Add(CSharpSyntaxTree.ParseText(contextText, s_parseOptions, path: context + ".cs"));
            }
        }

        SyntaxTree main = CSharpSyntaxTree.ParseText(source, s_parseOptions, path: snippetPath);
        trees.Add(main);
        bool isProgram = trees.Any(t => t.GetCompilationUnitRoot().Members.Any(m => m is GlobalStatementSyntax));

        var compilation = CSharpCompilation.Create(
            "Snippet_" + Guid.NewGuid().ToString("N"),
            trees,
            s_references,
            new CSharpCompilationOptions(
                isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // The .NET SDK's default <NoWarn>1701;1702</NoWarn>: a library built against 8.0 packages, run on 10.0.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

        Assembly generatorAssembly = typeof(LiveToolGenerator).Assembly;
        ISourceGenerator[] generators = [.. generatorAssembly.GetTypes()
            .Where(t => t.GetCustomAttribute<GeneratorAttribute>() is not null && typeof(IIncrementalGenerator).IsAssignableFrom(t))
            .Select(t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator())];
        GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, parseOptions: s_parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);

        ImmutableArray<DiagnosticAnalyzer> analyzers = [.. generatorAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];
        ImmutableArray<Diagnostic> diagnostics = generated
            .WithAnalyzers(analyzers)
            .GetAllDiagnosticsAsync()
            .GetAwaiter()
            .GetResult();

        string[] problems = [.. generatorDiagnostics.Concat(diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
            .Select(d => d.ToString())
            .Distinct()];
        if (problems.Length > 0)
        {
            return new CompiledSnippet(null, problems, source);
        }

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = generated.Emit(image);
        return emitted.Success
            ? new CompiledSnippet(image.ToArray(), [], source)
            : new CompiledSnippet(null, [.. emitted.Diagnostics.Select(d => d.ToString())], source);
    }
}
