using System.Collections;
using System.Reflection;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Tools.Generator.Tests;

/// <summary>The generator caches: edits that leave [LiveTool] signatures alone never reach the output step.</summary>
public class IncrementalTests
{
    private const string Tools = """
        using System.Threading;
        using System.Threading.Tasks;
        using Live.Tools;

        namespace MyApp;

        public enum Unit { Celsius, Fahrenheit }

        public sealed record Report(string City, double Temperature);

        public partial class WeatherTools
        {
            /// <summary>Gets the weather.</summary>
            [LiveTool]
            public Task<Report> GetWeatherAsync(string city, Unit unit = Unit.Celsius, CancellationToken cancellationToken = default)
            {
                return Task.FromResult(new Report(city, 1));
            }
        }

        public static partial class MathTools
        {
            [LiveTool] public static int Add(int a, int b) => a + b;
        }
        """;

    private static readonly string[] s_trackedSteps =
    [
        TrackingNames.Methods,
        TrackingNames.ValidMethods,
        TrackingNames.Collected,
        TrackingNames.ToolSets,
    ];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached()
    {
        CSharpCompilation compilation = TestCompilation.Create(Tools, "namespace MyApp; public class Other { }");
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace MyApp; public class Unrelated { public int X; }", TestCompilation.ParseOptions));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllReasons(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_body_edit_reruns_the_parser_but_leaves_the_model_unchanged()
    {
        CSharpCompilation compilation = TestCompilation.Create(Tools);
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(compilation);

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree editedTree = tree.WithChangedText(tree.GetText().Replace(
            Tools.IndexOf("new Report(city, 1)", StringComparison.Ordinal), "new Report(city, 1)".Length, "new Report(city + \"!\", 2)"));
        GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, editedTree)).GetRunResult().Results.Single();

        AssertAllReasons(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Contains(result.TrackedSteps[TrackingNames.Methods].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_signature_change_modifies_the_model_and_the_output()
    {
        CSharpCompilation compilation = TestCompilation.Create(Tools);
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(compilation);

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree editedTree = tree.WithChangedText(tree.GetText().Replace(
            Tools.IndexOf("string city,", StringComparison.Ordinal), "string city,".Length, "string city, int days,"));
        GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, editedTree)).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.Methods].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedSteps[TrackingNames.ToolSets].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        // The other type's tool set is untouched.
        Assert.Contains(result.TrackedSteps[TrackingNames.ToolSets].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Unchanged);
        Assert.Contains("\"days\"", result.GeneratedSources.Single(s => s.HintName == "MyApp.WeatherTools.LiveTools.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_to_a_parameter_type_in_another_file_regenerates_the_tools_that_use_it()
    {
        const string Types = """
            namespace MyApp;
            public sealed record Filter(string Query);
            """;
        const string Tools = """
            using Live.Tools;
            namespace MyApp;
            public partial class SearchTools
            {
                [LiveTool] public int Search(Filter filter) => filter.Query.Length;
                [LiveTool] public int Count(Filter filter, int limit) => limit;
                [LiveTool] public int Echo(int value) => value;
            }
            """;
        CSharpCompilation compilation = TestCompilation.Create(Types, Tools);
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(compilation);

        // The tools' file is untouched; only the record they take changes, in its own file.
        SyntaxTree typesTree = compilation.SyntaxTrees.First();
        SyntaxTree editedTypes = CSharpSyntaxTree.ParseText(
            "namespace MyApp;\n/// <param name=\"Query\">What to look for.</param>\npublic sealed record Filter(string Query, int MaxResults = 10);\n",
            TestCompilation.ParseOptions,
            path: typesTree.FilePath);
        GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(typesTree, editedTypes)).GetRunResult().Results.Single();

        Assert.Equal(2, result.TrackedSteps[TrackingNames.Methods].SelectMany(s => s.Outputs).Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Single(result.TrackedSteps[TrackingNames.Methods].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Unchanged);
        string source = result.GeneratedSources.Single(static s => s.HintName.EndsWith(".LiveTools.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("\"max_results\"", source, StringComparison.Ordinal);
        Assert.Contains("What to look for.", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Tools_sharing_a_type_keep_their_own_nullability_and_direction()
    {
        CSharpCompilation compilation = TestCompilation.Create("""
            using Live.Tools;
            namespace MyApp;
            public sealed record Point(int X, int Y);
            public partial class ShapeTools
            {
                [LiveTool] public Point Move(Point point) => point;
                [LiveTool] public Point? Maybe(Point? point = null) => point;
                [LiveTool] public int Length(string text) => text.Length;
                [LiveTool] public int LengthOrZero(string? text = null) => text?.Length ?? 0;
                [LiveTool] public int Tags(System.Collections.Generic.List<string> tags) => tags.Count;
                [LiveTool] public int MaybeTags(System.Collections.Generic.List<string?> tags) => tags.Count;
            }
            """);
        GeneratorRunResult result = TestCompilation.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
        ToolSpec[] tools = result.TrackedSteps[TrackingNames.ValidMethods]
            .SelectMany(s => s.Outputs)
            .Select(o => ((ToolMethodSpec)o.Value).Tool)
            .ToArray();

        ToolSpec Tool(string name) => tools.Single(t => t.Name == name);
        Assert.False(Tool("move").Parameters[0].Value!.IsNullable);
        Assert.True(Tool("move").Parameters[0].IsRequired);
        Assert.True(Tool("maybe").Parameters[0].Value!.IsNullable);
        Assert.False(Tool("maybe").Parameters[0].IsRequired);
        Assert.False(Tool("length").Parameters[0].Value!.IsNullable);
        Assert.True(Tool("length_or_zero").Parameters[0].Value!.IsNullable);
        Assert.False(Tool("tags").Parameters[0].Value!.Element!.IsNullable);
        Assert.True(Tool("maybe_tags").Parameters[0].Value!.Element!.IsNullable);
        Assert.Equal(new[] { "point" }, Tool("move").ParametersSchema!.Required);
        Assert.Empty(Tool("maybe").ParametersSchema!.Required);

        // The same record read as an argument and written as a result: a constructor shape, then a read-only shape.
        Assert.Equal(PropertyAssignment.Constructor, Tool("move").Parameters[0].Value!.Object!.Properties[0].Assignment);
        Assert.Equal(PropertyAssignment.Read, Tool("move").Return.Value!.Object!.Properties[0].Assignment);
        Assert.True(Tool("maybe").Return.Value!.IsNullable);
        Assert.False(Tool("move").Return.Value!.IsNullable);
    }

    [Fact]
    public void The_models_hold_no_symbols_syntax_or_compilations()
    {
        CSharpCompilation compilation = TestCompilation.Create(Tools);
        GeneratorRunResult result = TestCompilation.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
        int visited = 0;
        foreach (string step in s_trackedSteps)
        {
            foreach (IncrementalGeneratorRunStep run in result.TrackedSteps[step])
            {
                foreach ((object value, IncrementalStepRunReason _) in run.Outputs)
                {
                    visited += AssertNoRoslynObjects(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step);
                }
            }
        }

        Assert.True(visited > 50, "the walk visited only " + visited + " objects");
    }

    [Fact]
    public void A_type_that_is_not_partial_generates_nothing_and_reports_nothing()
    {
        CSharpCompilation compilation = TestCompilation.Create("""
            using Live.Tools;
            public class NotPartial { [LiveTool] public int A() => 1; }
            public partial class Fine { [LiveTool] public int B() => 1; }
            """);
        GeneratorDriverRunResult run = TestCompilation.CreateDriver().RunGenerators(compilation).GetRunResult();
        Assert.Empty(run.Diagnostics);
        Assert.Equal(["Fine.LiveTools.g.cs", "Fine.LiveTools.Factory.g.cs"], run.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void Descriptions_come_from_doc_comments_even_when_the_compiler_does_not_parse_them()
    {
        CSharpCompilation compilation = TestCompilation.Create().AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            """
            using Live.Tools;
            public partial class Docs
            {
                /// <summary>Adds <paramref name="a"/> and
                /// <c>b</c>; see <see cref="System.Math"/>.</summary>
                /// <param name="a">The first.</param>
                [LiveTool] public int Add(int a, int b) => a + b;
            }
            """,
            TestCompilation.ParseOptions.WithDocumentationMode(DocumentationMode.None)));
        string source = TestCompilation.CreateDriver().RunGenerators(compilation).GetRunResult().GeneratedTrees
            .Single(t => t.FilePath.EndsWith("Docs.LiveTools.g.cs", StringComparison.Ordinal)).GetText().ToString();
        Assert.Contains("Description = \"Adds a and b; see Math.\",", source, StringComparison.Ordinal);
        Assert.Contains("Description = \"The first.\",", source, StringComparison.Ordinal);
    }

    private static void AssertAllReasons(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        foreach (string step in s_trackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), "step " + step + " was not tracked");
            foreach (IncrementalGeneratorRunStep run in result.TrackedSteps[step])
            {
                foreach ((object _, IncrementalStepRunReason reason) in run.Outputs)
                {
                    Assert.True(allowed.Contains(reason), step + " output was " + reason);
                }
            }
        }
    }

    private static int AssertNoRoslynObjects(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is decimal)
        {
            return 0;
        }

        Type type = value.GetType();
        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or SyntaxToken or AttributeData,
            path + " holds a " + type.FullName);
        if (!type.IsValueType && !seen.Add(value))
        {
            return 0;
        }

        int count = 1;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                count += AssertNoRoslynObjects(item, seen, path + "[" + i++ + "]");
            }

            return count;
        }

        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                count += AssertNoRoslynObjects(field.GetValue(value), seen, path + "." + field.Name);
            }
        }

        return count;
    }
}
