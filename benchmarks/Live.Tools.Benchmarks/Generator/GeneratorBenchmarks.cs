using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using Live.Benchmarks.Support;
using Live.Tools;
using Live.Tools.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Benchmarks.Generator;

/// <summary>
/// The source generator over 1,000 <c>[LiveTool]</c> methods (20 classes of 50 tools, each with a string, an enum with a
/// default, an int with a default and a record parameter, returning a record): a first run with a new driver, and a run
/// of the warm driver after an edit that touches no tool (a new file with an unrelated class), which should be cached.
/// The compilation object is reused, so its symbol tables are warm after the first iteration: this times the
/// generator's own work, not the compiler's binding. The floor: <see cref="FindOnlyGenerator"/> (the same
/// <c>ForAttributeWithMetadataName</c> alone) after the same edit. The check: both runs produce the same generated
/// sources, and the floor finds all 1,000 methods.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int Classes = 20;
    public const int ToolsPerClass = 50;

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Parse);
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;
    private GeneratorDriver _warmFloor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(
                """
                namespace Many;
                public enum Unit { Celsius, Fahrenheit }
                public sealed record Options(string Language, int Limit);
                public sealed record Report(string City, int Temperature, Unit Unit);
                """,
                s_parseOptions,
                path: "Types.cs"),
        };
        for (int c = 0; c < Classes; c++)
        {
            var source = new StringBuilder($"using System.Threading;\nusing System.Threading.Tasks;\nusing Live.Tools;\n\nnamespace Many;\n\npublic partial class Tools{c:00}\n{{\n");
            for (int t = 0; t < ToolsPerClass; t++)
            {
                source.Append(
                    $"    /// <summary>Tool {t} of class {c}.</summary>\n" +
                    "    /// <param name=\"city\">The city.</param>\n" +
                    $"    [LiveTool]\n    public Task<Report> Get{t:00}Async(string city, Unit unit = Unit.Celsius, int days = 1, Options? options = null, CancellationToken cancellationToken = default) =>\n" +
                    "        Task.FromResult(new Report(city, days, unit));\n\n");
            }

            source.Append("}\n");
            trees.Add(CSharpSyntaxTree.ParseText(source.ToString(), s_parseOptions, path: $"Tools{c:00}.cs"));
        }

        _compilation = CSharpCompilation.Create(
            "ManyTools",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _edited = _compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Many; public class Unrelated { public int X; }", s_parseOptions, path: "Unrelated.cs"));
        _warm = CreateDriver().RunGenerators(_compilation);

        GeneratorDriverRunResult first = _warm.GetRunResult();
        // Per class: its tools (X.LiveTools.g.cs) and its generated factory (X.LiveTools.Factory.g.cs).
        int toolFiles = first.GeneratedTrees.Count(static t => t.FilePath.EndsWith(".LiveTools.g.cs", StringComparison.Ordinal));
        if (first.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || toolFiles != Classes || first.GeneratedTrees.Length != 2 * Classes)
        {
            throw new InvalidOperationException(
                $"The generator reported {string.Join("; ", first.Diagnostics)} and made {first.GeneratedTrees.Length} file(s) ({toolFiles} of tools), not {2 * Classes} ({Classes} of tools).");
        }

        _warmFloor = CSharpGeneratorDriver.Create([new FindOnlyGenerator().AsSourceGenerator()], parseOptions: s_parseOptions).RunGenerators(_compilation);
        if (!Text(UnrelatedEditFloor()).Contains($"// {Classes * ToolsPerClass} tools", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The floor generator did not find every [LiveTool] method.");
        }

        string generated = Text(FirstRun());
        Check.SameBytes("generated sources for 1,000 tools", [
            ("first run", Encoding.UTF8.GetBytes(generated)),
            ("after an unrelated edit", Encoding.UTF8.GetBytes(Text(UnrelatedEdit()))),
        ]);
        if (!generated.Contains("case \"get49\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The generated dispatcher does not hold the expected tool names.");
        }
    }

    [Benchmark(Baseline = true, Description = "1,000 tools: first run (new driver)")]
    public GeneratorDriver FirstRun() => CreateDriver().RunGenerators(_compilation);

    [Benchmark(Description = "1,000 tools: warm driver after an unrelated edit")]
    public GeneratorDriver UnrelatedEdit() => _warm.RunGenerators(_edited);

    [Benchmark(Description = "Floor: ForAttributeWithMetadataName alone, warm driver after the same edit")]
    public GeneratorDriver UnrelatedEditFloor() => _warmFloor.RunGenerators(_edited);

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new LiveToolGenerator().AsSourceGenerator()], parseOptions: s_parseOptions);

    private static string Text(GeneratorDriver driver) =>
        string.Concat(driver.GetRunResult().GeneratedTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal).Select(t => t.FilePath + "\n" + t.GetText()));

    private static ImmutableArray<MetadataReference> References()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new List<MetadataReference>();
        foreach (string path in Directory.EnumerateFiles(frameworkDirectory, "*.dll"))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll")
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        references.Add(MetadataReference.CreateFromFile(typeof(LiveToolAttribute).Assembly.Location));
        return [.. references];
    }
}
