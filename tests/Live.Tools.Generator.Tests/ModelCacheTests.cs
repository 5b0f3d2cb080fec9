using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Tools.Generator.Tests;

/// <summary>
/// The models kept across compilations (Caching/ModelCache.cs): reused after an edit that cannot change them, and
/// rebuilt after every edit elsewhere that does. Each edit runs a warm driver and a new driver (a new generator, so no
/// cache) on the edited compilation and requires the same output; the invalidation cases also require that the edit
/// changed the output, so the cache had something to get wrong.
/// </summary>
public class ModelCacheTests
{
    private const string Tools = """
        using System.Threading;
        using System.Threading.Tasks;
        using Live.Tools;

        namespace MyApp;

        public partial class WeatherTools
        {
            /// <summary>Gets the weather.</summary>
            /// <param name="city">The city.</param>
            [LiveTool]
            public Task<Report> GetWeatherAsync(string city, Filter filter, int days = Defaults.Days, CancellationToken cancellationToken = default) =>
                Task.FromResult(new Report(city, days));

            /// <summary>Echoes.</summary>
            [LiveTool]
            public int Echo(int value) => value;
        }
        """;

    private const string Types = """
        namespace MyApp;

        /// <summary>A filter.</summary>
        /// <param name="Query">What to look for.</param>
        public sealed partial record Filter(string Query);

        public sealed record Report(string City, int Days);

        public static class Defaults
        {
            public const int Days = Limits.Base + 1;
        }
        """;

    private const string Limits = "namespace MyApp; public static class Limits { public const int Base = 2; }";

    [Fact]
    public void An_unrelated_new_file_reuses_every_model_and_generates_the_same_output()
    {
        CSharpCompilation before = TestCompilation.Create(Tools, Types, Limits);
        CSharpCompilation after = before.AddSyntaxTrees(Parse("namespace MyApp; public class Unrelated { public int X; }", "Unrelated.cs"));

        (string first, string second, LiveToolGenerator generator) = Run(before, after);

        Assert.Equal(first, second);
        Assert.Equal(2, generator.Cache.Hits);
        Assert.Equal(2, generator.Cache.Misses);
    }

    [Fact]
    public void A_body_edit_in_another_file_reuses_the_models()
    {
        const string Other = "namespace MyApp; public class Service { public int Run() { return 1; } }";
        CSharpCompilation before = TestCompilation.Create(Tools, Types, Limits, Other);
        CSharpCompilation after = Replace(before, 3, Other.Replace("return 1;", "int Report = 2; return Report;", StringComparison.Ordinal));

        (string first, string second, LiveToolGenerator generator) = Run(before, after);

        Assert.Equal(first, second);
        Assert.Equal(2, generator.Cache.Hits);
    }

    [Fact]
    public void An_edit_to_a_record_in_another_file_rebuilds_the_model()
    {
        CSharpCompilation before = TestCompilation.Create(Tools, Types, Limits);
        CSharpCompilation after = Replace(before, 1, Types.Replace("Filter(string Query)", "Filter(string Query, int MaxResults = 10)", StringComparison.Ordinal));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.Contains("\"max_results\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_to_the_doc_comment_of_a_type_in_another_file_rebuilds_the_model()
    {
        CSharpCompilation before = TestCompilation.Create(Tools, Types, Limits);
        CSharpCompilation after = Replace(before, 1, Types.Replace("What to look for.", "The words to search.", StringComparison.Ordinal));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.Contains("The words to search.", second, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_to_a_constant_in_another_file_rebuilds_the_model()
    {
        CSharpCompilation before = TestCompilation.Create(Tools, Types, Limits);
        CSharpCompilation after = Replace(before, 1, Types.Replace("Limits.Base + 1", "Limits.Base + 40", StringComparison.Ordinal));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.Contains("42", second, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_to_a_constant_that_a_constant_in_another_file_uses_rebuilds_the_model()
    {
        // Tools → Defaults.Days (Types.cs) → Limits.Base (Limits.cs): only the last file changes.
        CSharpCompilation before = TestCompilation.Create(Tools, Types, Limits);
        CSharpCompilation after = Replace(before, 2, Limits.Replace("Base = 2", "Base = 70", StringComparison.Ordinal));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.Contains("71", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_partial_declaration_of_a_parameter_type_rebuilds_the_model()
    {
        CSharpCompilation before = TestCompilation.Create(Tools, Types, Limits);
        CSharpCompilation after = before.AddSyntaxTrees(Parse("namespace MyApp; public sealed partial record Filter { public int? Page { get; init; } }", "Filter.Page.cs"));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.Contains("\"page\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_partial_declaration_of_the_tool_type_rebuilds_the_model()
    {
        // A constructor taking a service: the factory now resolves it.
        CSharpCompilation before = TestCompilation.Create(Tools, Types, Limits);
        CSharpCompilation after = before.AddSyntaxTrees(Parse("namespace MyApp; public partial class WeatherTools { public WeatherTools(System.IServiceProvider services) { } }", "WeatherTools.Ctor.cs"));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_new_type_that_hides_a_parameter_type_rebuilds_the_model()
    {
        // The tools live in MyApp.Weather: a MyApp.Weather.Filter declared elsewhere now wins the lookup of 'Filter'.
        string tools = Tools.Replace("namespace MyApp;", "namespace MyApp.Weather;", StringComparison.Ordinal);
        CSharpCompilation before = TestCompilation.Create(tools, Types, Limits);
        CSharpCompilation after = before.AddSyntaxTrees(Parse("namespace MyApp.Weather; public sealed record Filter(string Region);", "Hiding.cs"));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.Contains("\"region\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_global_using_rebuilds_the_model()
    {
        // Without the using, 'Query' does not bind and the tool is skipped; with it, the tool is generated.
        const string Tool = "using Live.Tools; namespace MyApp; public partial class SearchTools { [LiveTool] public int Search(Query query) => 1; }";
        const string Query = "namespace MyApp.Models; public sealed record Query(string Text);";
        CSharpCompilation before = TestCompilation.Create(Tool, Query);
        CSharpCompilation after = before.AddSyntaxTrees(Parse("global using MyApp.Models;", "Usings.cs"));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.Contains("\"search\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_to_a_type_named_only_by_a_global_alias_rebuilds_the_model()
    {
        // The tool's file says 'Input'; only the alias's file names the record.
        const string Tool = "using Live.Tools; namespace MyApp; public partial class SearchTools { [LiveTool] public int Search(Input input) => 1; }";
        const string Alias = "global using Input = MyApp.Models.Query;";
        const string Query = "namespace MyApp.Models; public sealed record Query(string Words);";
        CSharpCompilation before = TestCompilation.Create(Tool, Alias, Query);
        CSharpCompilation after = Replace(before, 2, Query.Replace("(string Words)", "(string Words, int Limit)", StringComparison.Ordinal));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.Contains("\"limit\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_namespace_that_hides_a_namespace_rebuilds_the_model()
    {
        // Inside MyApp.Weather, 'Models' means MyApp.Models until a MyApp.Weather.Models exists (without a Query).
        const string Tool = "using Live.Tools; namespace MyApp.Weather; public partial class SearchTools { [LiveTool] public int Search(Models.Query query) => 1; }";
        const string Query = "namespace MyApp.Models; public sealed record Query(string Words);";
        CSharpCompilation before = TestCompilation.Create(Tool, Query);
        CSharpCompilation after = before.AddSyntaxTrees(Parse("namespace MyApp.Weather.Models { public sealed class Other { } }", "Other.cs"));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("\"search\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_referenced_assembly_rebuilds_the_model()
    {
        const string Tool = "using Live.Tools; using Library; namespace MyApp; public partial class ItemTools { [LiveTool] public int Add(Item item) => 1; }";
        MetadataReference version1 = Library("namespace Library; public sealed record Item(string Name);");
        MetadataReference version2 = Library("namespace Library; public sealed record Item(string Name, int Count);");
        CSharpCompilation before = TestCompilation.Create(Tool).AddReferences(version1);
        CSharpCompilation after = before.ReplaceReference(version1, version2);

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.Contains("\"count\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_compilation_options_rebuild_the_model()
    {
        // Options can change what a signature means (nullable context): no model is reused across them.
        const string Tool = "using Live.Tools; namespace MyApp; public partial class TextTools { [LiveTool] public int Length(string text) => text.Length; }";
        CSharpCompilation before = TestCompilation.Create(Tool);
        CSharpCompilation after = before.WithOptions(before.Options.WithNullableContextOptions(NullableContextOptions.Disable));

        (_, _, LiveToolGenerator generator) = Run(before, after);

        Assert.Equal(0, generator.Cache.Hits);
        Assert.Equal(2, generator.Cache.Misses);
    }

    [Fact]
    public void A_removed_file_that_declared_a_parameter_type_rebuilds_the_model()
    {
        const string Tool = "using Live.Tools; namespace MyApp; public partial class SearchTools { [LiveTool] public int Search(Query query) => 1; }";
        const string Query = "namespace MyApp; public sealed record Query(string Text);";
        CSharpCompilation before = TestCompilation.Create(Tool, Query);
        CSharpCompilation after = before.RemoveSyntaxTrees(before.SyntaxTrees.ElementAt(1));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("\"search\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_attribute_type_named_like_an_applied_attribute_rebuilds_the_model()
    {
        // [Description] binds to System.ComponentModel.DescriptionAttribute until MyApp declares its own.
        const string Tool = """
            using System.ComponentModel;
            using Live.Tools;
            namespace MyApp;
            public partial class TextTools { [LiveTool, Description("Counts letters.")] public int Length(string text) => text.Length; }
            """;
        CSharpCompilation before = TestCompilation.Create(Tool);
        CSharpCompilation after = before.AddSyntaxTrees(Parse("namespace MyApp; public sealed class DescriptionAttribute(string text) : System.Attribute { public string Text { get; } = text; }", "Attribute.cs"));

        (string first, string second, _) = Run(before, after);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("Counts letters.", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_reused_once_still_sees_a_later_edit()
    {
        CSharpCompilation first = TestCompilation.Create(Tools, Types, Limits);
        CSharpCompilation second = first.AddSyntaxTrees(Parse("namespace MyApp; public class Unrelated { }", "Unrelated.cs"));
        CSharpCompilation third = Replace(second, 2, Limits.Replace("Base = 2", "Base = 70", StringComparison.Ordinal));
        var generator = new LiveToolGenerator();

        GeneratorDriver driver = Driver(generator).RunGenerators(first).RunGenerators(second);
        int hits = generator.Cache.Hits;
        string output = Text(driver.RunGenerators(third));

        Assert.Equal(2, hits);
        Assert.Equal(Text(Driver(new LiveToolGenerator()).RunGenerators(third)), output);
        Assert.Contains("71", output, StringComparison.Ordinal);
    }

    private static (string Before, string After, LiveToolGenerator Generator) Run(CSharpCompilation before, CSharpCompilation after)
    {
        var generator = new LiveToolGenerator();
        GeneratorDriver driver = Driver(generator).RunGenerators(before);
        string first = Text(driver);
        string second = Text(driver.RunGenerators(after));

        // The same edited compilation through a generator that never saw the first one.
        Assert.Equal(Text(Driver(new LiveToolGenerator()).RunGenerators(after)), second);
        return (first, second, generator);
    }

    private static GeneratorDriver Driver(LiveToolGenerator generator) =>
        CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: TestCompilation.ParseOptions);

    private static string Text(GeneratorDriver driver) =>
        string.Concat(driver.GetRunResult().GeneratedTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal).Select(t => t.FilePath + "\n" + t.GetText()));

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, path: path);

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string source)
    {
        SyntaxTree tree = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(tree, Parse(source, tree.FilePath));
    }

    private static MetadataReference Library(string source)
    {
        CSharpCompilation library = CSharpCompilation.Create(
            "Library",
            [Parse(source, "Library.cs")],
            TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = library.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
