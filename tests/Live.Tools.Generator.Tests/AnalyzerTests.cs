using System.Collections.Immutable;
using Live.Tools.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Live.Tools.Generator.Tests;

public class AnalyzerTests
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
    public Task Valid_tools_have_no_diagnostics() => VerifyAsync("""
        public enum Unit { Celsius, Fahrenheit }
        public sealed record Point(double Lat, double Lon);
        public partial class Outer
        {
            public partial class Tools
            {
                /// <summary>Gets the weather.</summary>
                [LiveTool] public Task<string> GetWeatherAsync(string city, Unit unit = Unit.Celsius, CancellationToken cancellationToken = default) => Task.FromResult(city);
                [LiveTool] public static void Stop(LiveToolContext context) { }
                [LiveTool("custom.name:v2")] public Point Move(Point from, List<Point> path, Dictionary<string, int>? tags = null) => from;
            }
        }
        public static partial class Static
        {
            [LiveTool] public static int Add(int a, int b) => a + b;
        }
        """);

    [Fact]
    public Task LIVE001_type_not_partial() => VerifyAsync("""
        public class {|LIVE001:Tools|}
        {
            [LiveTool] public int A() => 1;
            [LiveTool] public int B() => 1;
        }
        """);

    [Fact]
    public Task LIVE001_enclosing_type_not_partial() => VerifyAsync("""
        public class {|LIVE001:Outer|}
        {
            public partial class Inner
            {
                [LiveTool] public int A() => 1;
            }
        }
        """);

    [Fact]
    public Task LIVE002_unmappable_parameter_types() => VerifyAsync("""
        public sealed class Attachment { public Stream Content { get; set; } = Stream.Null; }
        public sealed class Request { public List<Attachment> Attachments { get; set; } = new(); }
        public sealed class Node { public Node? Next { get; set; } }
        public partial class Tools
        {
            [LiveTool] public int A({|LIVE002:object|} value) => 1;
            [LiveTool] public int B({|LIVE002:Request|} request) => 1;
            [LiveTool] public int C({|LIVE002:Dictionary<int, string>|} map) => 1;
            [LiveTool] public int D({|LIVE002:Func<int>|} callback) => 1;
            [LiveTool] public int E({|LIVE002:Node|} node) => 1;
            [LiveTool] public int F({|LIVE002:IComparable|} value) => 1;
        }
        """);

    [Fact]
    public async Task LIVE002_names_the_path_inside_the_type()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(Usings + """
            public sealed class Attachment { public Stream Content { get; set; } = Stream.Null; }
            public sealed class Request { public List<Attachment> Attachments { get; set; } = new(); }
            public partial class Tools
            {
                [LiveTool] public int Send(Request request) => 1;
            }
            """);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LIVE002", diagnostic.Id);
        Assert.Equal(
            "Parameter 'request' of tool method 'Send' cannot be mapped to a Gemini schema: request.Attachments[].Content: System.IO.Stream (this framework type is not supported)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("https://github.com/live-tools/live-tools/blob/main/docs/diagnostics/LIVE002.md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public Task LIVE003_unwritable_return_type() => VerifyAsync("""
        public partial class Tools
        {
            [LiveTool] public {|LIVE003:Stream|} A() => Stream.Null;
            [LiveTool] public {|LIVE003:Task<object>|} B() => Task.FromResult(new object());
            [LiveTool] public {|LIVE003:IAsyncEnumerable<Stream>|} C() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task LIVE004_invalid_tool_name() => VerifyAsync("""
        public partial class Tools
        {
            [LiveTool({|LIVE004:"get weather"|})] public int A() => 1;
            [LiveTool({|LIVE004:"9lives"|})] public int B() => 1;
            [LiveTool] public int {|LIVE004:Größe|}() => 1;
        }
        """);

    [Fact]
    public Task LIVE005_duplicate_tool_name() => VerifyAsync("""
        public partial class Tools
        {
            [LiveTool] public int Add(int a) => a;
            [LiveTool] public long {|LIVE005:Add|}(long a) => a;
            [LiveTool("x")] public int First() => 1;
            [LiveTool("x")] public int {|LIVE005:Second|}() => 1;
            [LiveTool] public int GetData() => 1;
            [LiveTool] public Task<int> {|LIVE005:GetDataAsync|}() => Task.FromResult(1);
        }
        """);

    [Fact]
    public Task LIVE006_generic_method_or_type() => VerifyAsync("""
        public partial class Tools
        {
            [LiveTool] public T {|LIVE006:Echo|}<T>(T value) => value;
        }
        public partial class Box<T>
        {
            [LiveTool] public int {|LIVE006:Count|}() => 1;
        }
        """);

    [Fact]
    public Task LIVE007_ref_out_in_params() => VerifyAsync("""
        public partial class Tools
        {
            [LiveTool] public int A(ref int {|LIVE007:x|}) => x;
            [LiveTool] public void B(out int {|LIVE007:x|}) => x = 1;
            [LiveTool] public int C(in int {|LIVE007:x|}) => x;
            [LiveTool] public int D(params int[] {|LIVE007:values|}) => values.Length;
        }
        """);

    [Fact]
    public Task LIVE008_async_void() => VerifyAsync("""
        public partial class Tools
        {
            [LiveTool] public async void {|LIVE008:Fire|}() => await Task.Yield();
        }
        """);

    [Fact]
    public Task LIVE009_two_tokens_or_contexts() => VerifyAsync("""
        public partial class Tools
        {
            [LiveTool] public int A(CancellationToken a, CancellationToken {|LIVE009:b|}) => 1;
            [LiveTool] public int B(LiveToolContext a, LiveToolContext {|LIVE009:b|}) => 1;
        }
        """);

    [Fact]
    public Task LIVE010_invalid_parameter_or_property_name() => VerifyAsync("""
        public sealed class Options { [JsonPropertyName("max-count")] public int MaxCount { get; set; } }
        public partial class Tools
        {
            [LiveTool] public int A(int {|LIVE010:größe|}) => 1;
            [LiveTool] public int B({|LIVE010:Options|} options) => 1;
        }
        """);

    [Fact]
    public Task LIVE011_methods_the_generator_cannot_call() => VerifyAsync("""
        public abstract partial class Tools
        {
            [LiveTool] public abstract int {|LIVE011:A|}();

            public void Host()
            {
                [LiveTool] static int {|LIVE011:Local|}() => 1;
                Local();
            }
        }
        """);

    private static async Task VerifyAsync(string source)
    {
        var test = new CSharpAnalyzerTest<LiveToolAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestCompilation.NoReferenceAssemblies,
            TestCode = Usings + source,
        };
        TestCompilation.Configure(test.TestState, test.SolutionTransforms);
        await test.RunAsync();
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        Compilation compilation = TestCompilation.Create(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LiveToolAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
    }
}
