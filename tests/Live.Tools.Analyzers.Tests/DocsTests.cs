using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// Every diagnostic has its page (docs/diagnostics/LIVEnnn.md), its help link, its row in the index and in
/// AnalyzerReleases.Unshipped.md; and the bad and good examples of each page say what the analyzers say.
/// </summary>
public class DocsTests
{
    private const string HelpLinkBase = "https://github.com/live-tools/live-tools/blob/main/docs/diagnostics/";

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in Descriptors())
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void Ids_are_unique_and_numbered_without_gaps()
    {
        string[] ids = Descriptors().Select(static d => d.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        string[] numbered = ids.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(1, numbered.Length).Select(static n => "LIVE" + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture)), numbered);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_help_link_index_and_release_entry_exist(string id)
    {
        DiagnosticDescriptor descriptor = Descriptors().Single(d => d.Id == id);
        Assert.Equal(HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.Equal("Live.Tools", descriptor.Category);

        string page = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics", id + ".md"));
        Assert.StartsWith("# " + id + ": ", page, StringComparison.Ordinal);
        Assert.Contains("| Severity | " + descriptor.DefaultSeverity + " |", page, StringComparison.Ordinal);
        foreach (string section in new[] { "## What it means", "## Example", "## How to fix", "## How to suppress" })
        {
            Assert.Contains(section, page, StringComparison.Ordinal);
        }

        Assert.Contains("#pragma warning disable " + id, page, StringComparison.Ordinal);
        Assert.Contains("dotnet_diagnostic." + id + ".severity", page, StringComparison.Ordinal);

        string index = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics", "README.md"));
        Assert.Contains("| [" + id + "](" + id + ".md) | " + descriptor.DefaultSeverity + " |", index, StringComparison.Ordinal);

        string releases = File.ReadAllText(RepoPaths.Combine("src", "Live.Tools.Generator", "AnalyzerReleases.Unshipped.md"));
        Assert.Matches(new Regex("^" + id + @" \| Live\.Tools \| " + descriptor.DefaultSeverity + @" \|", RegexOptions.Multiline), releases);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Bad_example_reports_the_id_and_good_example_reports_nothing(string id)
    {
        string page = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics", id + ".md"));
        MatchCollection blocks = Regex.Matches(page, @"(?<label>Bad|Good):\s*```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline);
        string bad = blocks.Single(m => m.Groups["label"].Value == "Bad").Groups["code"].Value;
        string good = blocks.Single(m => m.Groups["label"].Value == "Good").Groups["code"].Value;

        Assert.Contains(id, await AnalyzeAsync(bad));
        Assert.Empty(await AnalyzeAsync(good));
    }

    private static async Task<string[]> AnalyzeAsync(string code)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(
            Verify.Usings + "using System.Linq;\n" + code,
            new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Parse),
            path: "Example.cs");
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Example",
            [tree],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The example does not compile:\n" + string.Join('\n', errors.Select(static e => e.ToString())) + "\n" + code);

        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(Verify.Analyzers()).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Select(static d => d.Id).ToArray();
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        Verify.Analyzers().SelectMany(static a => a.SupportedDiagnostics).OrderBy(static d => d.Id, StringComparer.Ordinal);
}
