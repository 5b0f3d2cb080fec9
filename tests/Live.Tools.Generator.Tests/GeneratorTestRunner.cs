using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Live.Tools.Generator.Tests;

/// <summary>Runs the generator on a source, checks the snapshots, then lets the testing library check the output compiles without diagnostics.</summary>
internal static class GeneratorTestRunner
{
    public static async Task VerifyAsync(string source, string className, [CallerMemberName] string methodName = "")
    {
        // 1. The generator's output, compared with the verified snapshots.
        CSharpCompilation compilation = TestCompilation.Create(source);
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        var generated = run.GeneratedTrees
            .Select(tree => (HintName: Path.GetFileName(tree.FilePath), Source: tree.GetText().ToString()))
            .ToList();
        Assert.NotEmpty(generated);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        IReadOnlyDictionary<string, string> verified = SnapshotStore.Verify(className, methodName, generated);

        // 2. The testing library: the generator produces exactly the snapshots (version restored) and the
        //    compilation with them has no compiler warning or error.
        var test = new CSharpSourceGeneratorTest<LiveToolGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = TestCompilation.NoReferenceAssemblies,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.TestState.Sources.Add(source);
        foreach ((string hintName, string text) in verified)
        {
            test.TestState.GeneratedSources.Add((typeof(LiveToolGenerator), hintName, SourceText.From(SnapshotStore.Unscrub(text), Encoding.UTF8)));
        }

        TestCompilation.Configure(test.TestState, test.SolutionTransforms);
        await test.RunAsync();
    }
}
