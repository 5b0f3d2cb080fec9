using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Live.Tools.Analyzers.Tests;

/// <summary>The messages of LIVE002/LIVE003 for types whose JSON the generator cannot see (issue 13).</summary>
public class ResultAdviceTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Live.Tools;

        """;

    [Fact]
    public async Task LIVE002_a_type_with_a_JsonConverter_is_rejected_naming_the_alternative()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(Usings + """
            [System.Text.Json.Serialization.JsonConverter(typeof(MoneyConverter))]
            public sealed class Money { public decimal Amount { get; set; } public string Currency { get; set; } = ""; }
            public sealed class MoneyConverter : System.Text.Json.Serialization.JsonConverter<Money>
            {
                public override Money Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => new();
                public override void Write(System.Text.Json.Utf8JsonWriter writer, Money value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue("1 EUR");
            }
            public partial class Tools
            {
                [LiveTool] public int Pay(Money amount) => 1;
            }
            """);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LIVE002", diagnostic.Id);
        Assert.Equal(
            "Parameter 'amount' of tool method 'Pay' cannot be mapped to a Gemini schema: amount: Money (its [JsonConverter] decides its JSON, which the generator cannot see; take the JSON form (for example a string) and convert it in the method)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("(int Count, string Name)", "a tuple's element names do not reach its JSON; return a record with named properties")]
    [InlineData("Stream", "list the type in a JsonSerializerContext named by [LiveToolJsonContext] on the tool type")]
    public async Task LIVE003_advises_a_JsonSerializerContext_only_where_it_works(string type, string advice)
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(Usings + $$"""
            public partial class Tools
            {
                [LiveTool] public {{type}} A() => throw new NotImplementedException();
            }
            """);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LIVE003", diagnostic.Id);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("; " + advice, message, StringComparison.Ordinal);
        Assert.Equal(advice.Contains("JsonSerializerContext", StringComparison.Ordinal), message.Contains("JsonSerializerContext", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LIVE003_for_a_type_that_is_also_a_parameter_names_the_result_path()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(Usings + """
            public partial class Tools
            {
                [LiveTool] public Stream Copy(Stream head) => head;
            }
            """);
        Diagnostic result = Assert.Single(diagnostics, d => d.Id == "LIVE003");
        string message = result.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("result: System.IO.Stream", message, StringComparison.Ordinal);
        Assert.DoesNotContain("head:", message, StringComparison.Ordinal);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string code)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Parse), path: "Tools.cs");
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Tools",
            [tree],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));
        ImmutableArray<Diagnostic> all = await compilation.WithAnalyzers(Verify.Analyzers()).GetAnalyzerDiagnosticsAsync();

        // The examples carry no XML docs on purpose: the description hints (LIVE012/LIVE013) are not what these tests check.
        return all.Where(static d => d.Id is not ("LIVE012" or "LIVE013")).ToImmutableArray();
    }
}
