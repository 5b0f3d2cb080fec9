using Microsoft.CodeAnalysis;

namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// Diagnostics sit on real syntax, so <c>#pragma</c>, <c>[SuppressMessage]</c> and <c>.editorconfig</c> severities work.
/// (The testing library also wraps every analyzer test in <c>#pragma warning disable</c> and expects silence.) Raising a
/// severity through <c>.editorconfig</c> does not show in the testing library's workspace; <see cref="BuildOutputTests"/>
/// checks it, with a category-wide setting, in a real <c>dotnet build</c>.
/// </summary>
public class SuppressionTests
{
    private const string Undocumented = """
        public partial class Tools
        {
            [LiveTool] public int {|#0:Undocumented|}() => 1;
        }
        """;

    [Fact]
    public Task Without_suppression_the_warning_is_reported() => Verify.AnalyzerWithDescriptionsAsync(
        Undocumented,
        Verify.Diagnostic("LIVE012").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task Pragma_warning_disable_suppresses_a_warning()
    {
        var test = new Verify.AnalyzerTest
        {
            TestCode = Verify.Usings + """
                public partial class Tools
                {
                #pragma warning disable LIVE012 // tests call this tool directly
                    [LiveTool] public int Undocumented() => 1;
                #pragma warning restore LIVE012

                    [LiveTool] public int {|LIVE012:AlsoUndocumented|}() => 1;
                }
                """,

            // The library's own check wraps the file in "#pragma warning disable"; the restore above is the point of this test.
            TestBehaviors = Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipSuppressionCheck,
        };
        test.DisabledDiagnostics.Add("LIVE013");
        return test.RunAsync();
    }

    [Fact]
    public Task Pragma_warning_disable_suppresses_an_error() => Verify.AnalyzerAsync("""
        #pragma warning disable LIVE001
        public class Tools
        #pragma warning restore LIVE001
        {
            [LiveTool] public int {|LIVE004:Größe|}() => 1;
        }
        """);

    [Fact]
    public Task NoWarn_suppresses_an_error_project_wide()
    {
        // <NoWarn> in a project file reaches the compiler as a specific diagnostic option.
        var test = new Verify.AnalyzerTest
        {
            TestCode = Verify.Usings + """
                public class Tools
                {
                    [LiveTool] public int {|LIVE004:Größe|}() => 1;
                }
                """,
        };
        test.DisabledDiagnostics.AddRange(Verify.DescriptionIds);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            CompilationOptions options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(
                options.SpecificDiagnosticOptions.SetItem("LIVE001", ReportDiagnostic.Suppress)));
        });
        return test.RunAsync();
    }

    [Fact]
    public Task SuppressMessage_attribute_suppresses() => Verify.AnalyzerWithDescriptionsAsync("""
        public partial class Tools
        {
            [LiveTool]
            [System.Diagnostics.CodeAnalysis.SuppressMessage("Live.Tools", "LIVE012", Justification = "Called by tests only.")]
            public int Undocumented() => 1;
        }
        """);

    [Fact]
    public Task Editorconfig_severity_none_turns_a_diagnostic_off() => RunWithEditorConfigAsync(
        "dotnet_diagnostic.LIVE012.severity = none",
        Undocumented.Replace("{|#0:Undocumented|}", "Undocumented", StringComparison.Ordinal));

    [Fact]
    public Task Editorconfig_severity_warning_lowers_an_error() => RunWithEditorConfigAsync(
        "dotnet_diagnostic.LIVE001.severity = warning",
        """
        public class {|#0:Tools|}
        {
            /// <summary>Documented.</summary>
            [LiveTool] public int A() => 1;
        }
        """,
        Verify.Diagnostic("LIVE001").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning));

    private static Task RunWithEditorConfigAsync(string setting, string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest { TestCode = Verify.Usings + source };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + setting + "\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
