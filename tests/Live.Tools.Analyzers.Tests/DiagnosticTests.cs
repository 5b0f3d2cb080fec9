using System.Collections.Immutable;
using Live.Tools.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Live.Tools.Analyzers.Tests;

/// <summary>One test (or more) per diagnostic id; the markup <c>{|LIVEnnn:…|}</c> is the exact span reported.</summary>
public class DiagnosticTests
{
    [Fact]
    public Task LIVE001_type_not_partial() => Verify.AnalyzerAsync("""
        public class {|LIVE001:Tools|}
        {
            [LiveTool] public int A() => 1;
        }
        public static class {|LIVE001:StaticTools|}
        {
            [LiveTool] public static int B() => 1;
        }
        public record struct {|LIVE001:RecordTools|}
        {
            [LiveTool] public int C() => 1;
        }
        """);


    [Fact]
    public Task LIVE001_once_for_a_type_with_several_tools() => Verify.AnalyzerAsync("""
        public class {|LIVE001:Tools|}
        {
            [LiveTool] public int A() => 1;
            [LiveTool] public int B() => 1;
        }
        """);

    [Fact]
    public Task LIVE001_every_enclosing_type_that_is_not_partial() => Verify.AnalyzerAsync("""
        public class {|LIVE001:Outer|}
        {
            public partial class Middle
            {
                public class {|LIVE001:Inner|}
                {
                    [LiveTool] public int A() => 1;
                }
            }
        }
        """);

    [Fact]
    public Task LIVE001_message_names_the_type_and_the_tool() => Verify.AnalyzerAsync(
        """
        public class Outer
        {
            public partial class Tools
            {
                [LiveTool] public int Add(int a) => a;
            }
        }
        """.Replace("public class Outer", "public class {|#0:Outer|}", StringComparison.Ordinal),
        Verify.Diagnostic("LIVE001").WithLocation(0).WithArguments("Outer", "Add"));

    [Fact]
    public Task LIVE002_unmappable_parameter_types() => Verify.AnalyzerAsync("""
        public delegate void Callback();
        public sealed class Node { public Node? Next { get; set; } }
        public partial class Tools
        {
            [LiveTool] public int A({|LIVE002:object|} value) => 1;
            [LiveTool] public int B({|LIVE002:Dictionary<int, string>|} byId) => 1;
            [LiveTool] public int C({|LIVE002:IReadOnlyDictionary<Guid, int>|} byGuid) => 1;
            [LiveTool] public int D({|LIVE002:Func<int>|} callback) => 1;
            [LiveTool] public int E({|LIVE002:Callback|} callback) => 1;
            [LiveTool] public unsafe int F({|LIVE002:int*[]|} pointers) => 1;
            [LiveTool] public int G({|LIVE002:Node|} node) => 1;
            [LiveTool] public int H({|LIVE002:IComparable|} value) => 1;
            [LiveTool] public int I({|LIVE002:dynamic|} value) => 1;
        }
        """);

    [Fact]
    public Task LIVE002_names_the_type_and_the_path_inside_it() => Verify.AnalyzerAsync(
        """
        public sealed class Attachment { public Stream Content { get; set; } = Stream.Null; }
        public sealed class Request { public List<Attachment> Attachments { get; set; } = new(); }
        public sealed class Node { public string Name { get; set; } = ""; public List<Node> Children { get; set; } = new(); }
        public partial class Tools
        {
            [LiveTool] public int Send({|#0:Request|} request) => 1;
            [LiveTool] public int Walk({|#1:Node|} root) => 1;
            [LiveTool] public int Map({|#2:Dictionary<string, Dictionary<int, bool>>|} table) => 1;
        }
        """,
        Verify.Diagnostic("LIVE002").WithLocation(0)
            .WithArguments("request", "Send", "request.Attachments[].Content: System.IO.Stream (this framework type is not supported)"),
        Verify.Diagnostic("LIVE002").WithLocation(1)
            .WithArguments("root", "Walk", "root.Children[]: Node (the type contains itself, which a Gemini schema cannot express)"),
        Verify.Diagnostic("LIVE002").WithLocation(2)
            .WithArguments("table", "Map", "table[]: System.Collections.Generic.Dictionary<int, bool> (dictionary keys must be strings (JSON object keys))"));


    [Fact]
    public async Task LIVE002_message_names_the_path_inside_the_type()
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(
            Verify.Usings + """
            public sealed class Attachment { public Stream Content { get; set; } = Stream.Null; }
            public sealed class Request { public List<Attachment> Attachments { get; set; } = new(); }
            public partial class Tools
            {
                [LiveTool] public int Send(Request request) => 1;
            }
            """,
            new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Parse),
            path: "Source.cs");
        CSharpCompilation compilation = CSharpCompilation.Create(
            "TestAssembly",
            [tree],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LiveToolAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LIVE002", diagnostic.Id);
        Assert.Equal(
            "Parameter 'request' of tool method 'Send' cannot be mapped to a Gemini schema: request.Attachments[].Content: System.IO.Stream (this framework type is not supported)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("https://github.com/live-tools/live-tools/blob/main/docs/diagnostics/LIVE002.md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public Task LIVE003_unwritable_return_type() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool] public {|LIVE003:Stream|} A() => Stream.Null;
            [LiveTool] public {|LIVE003:Task<object>|} B() => Task.FromResult(new object());
            [LiveTool] public {|LIVE003:IAsyncEnumerable<Stream>|} C() => throw new NotImplementedException();
            [LiveTool] public {|LIVE003:ValueTask<Action>|} D() => default;
        }
        """);

    [Fact]
    public Task LIVE004_invalid_tool_name() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool({|LIVE004:"get weather"|})] public int A() => 1;
            [LiveTool({|LIVE004:"9lives"|})] public int B() => 1;
            [LiveTool({|LIVE004:""|})] public int C() => 1;
            [LiveTool({|LIVE004:"a/b"|})] public int D() => 1;
            [LiveTool] public int {|LIVE004:Größe|}() => 1;
            [LiveTool("ok.name:v2-beta_1")] public int E() => 1;
        }
        """);

    [Fact]
    public Task LIVE004_name_longer_than_128_characters() => Verify.AnalyzerAsync(
        "public partial class Tools { [LiveTool({|LIVE004:\"" + new string('a', 129) + "\"|})] public int A() => 1; [LiveTool(\"" + new string('b', 128) + "\")] public int B() => 1; }");

    [Fact]
    public Task LIVE005_duplicate_tool_name_including_overloads() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool] public int Add(int a) => a;
            [LiveTool] public long {|LIVE005:Add|}(long a) => a;
            [LiveTool("x")] public int First() => 1;
            [LiveTool("x")] public int {|LIVE005:Second|}() => 1;
            [LiveTool] public int GetData() => 1;
            [LiveTool] public Task<int> {|LIVE005:GetDataAsync|}() => Task.FromResult(1);
        }
        public partial class Other
        {
            [LiveTool] public int Add(int a) => a;
        }
        """);

    [Fact]
    public Task LIVE005_across_partial_declarations() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool] public int Stop() => 1;
        }
        public partial class Tools
        {
            [LiveTool("stop")] public int {|LIVE005:Halt|}() => 1;
        }
        """);

    [Fact]
    public Task LIVE006_generic_method_or_open_generic_type() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool] public T {|LIVE006:Echo|}<T>(T value) => value;
        }
        public partial class Box<T>
        {
            [LiveTool] public int {|LIVE006:Count|}() => 1;

            public partial class Inner
            {
                [LiveTool] public int {|LIVE006:Size|}() => 1;
            }
        }
        """);

    [Fact]
    public Task LIVE007_ref_out_in_params_and_pointer_parameters() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool] public int A(ref int {|LIVE007:x|}) => x;
            [LiveTool] public void B(out int {|LIVE007:x|}) => x = 1;
            [LiveTool] public int C(in int {|LIVE007:x|}) => x;
            [LiveTool] public int D(params int[] {|LIVE007:values|}) => values.Length;
            [LiveTool] public unsafe int E(int* {|LIVE007:p|}) => 1;
            [LiveTool] public int F(int a, ref readonly int {|LIVE007:b|}) => a;
        }
        """);

    [Fact]
    public Task LIVE008_async_void() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool] public async void {|LIVE008:Fire|}() => await Task.Yield();
            [LiveTool] public async Task Fine() => await Task.Yield();
            [LiveTool] public void AlsoFine() { }
        }
        """);

    [Fact]
    public Task LIVE009_more_than_one_token_or_context() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool] public int A(CancellationToken a, int value, CancellationToken {|LIVE009:b|}) => value;
            [LiveTool] public int B(LiveToolContext a, LiveToolContext? {|LIVE009:b|}) => 1;
            [LiveTool] public int C(LiveToolContext context, CancellationToken token) => 1;
        }
        """);


    [Fact]
    public Task LIVE009_adjacent_tokens_or_contexts() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool] public int A(CancellationToken a, CancellationToken {|LIVE009:b|}) => 1;
            [LiveTool] public int B(LiveToolContext a, LiveToolContext {|LIVE009:b|}) => 1;
        }
        """);

    [Fact]
    public Task LIVE010_invalid_parameter_or_property_name() => Verify.AnalyzerAsync(
        """
        public sealed class Options { [JsonPropertyName("max-count")] public int MaxCount { get; set; } }
        public partial class Tools
        {
            [LiveTool] public int A(int {|LIVE010:größe|}) => 1;
            [LiveTool] public int B({|LIVE010:Options|} options) => 1;
            [LiveTool] public int C(int PARAMETER) => 1;
        }
        """ + "public partial class Long { [LiveTool] public int D(int {|LIVE010:" + new string('p', 65) + "|}) => 1; }");

    [Fact]
    public Task LIVE011_methods_the_generator_ignores() => Verify.AnalyzerWithDescriptionsAsync("""
        public abstract class AbstractTools
        {
            [LiveTool] public abstract int {|LIVE011:A|}();
        }
        public interface IToolContract
        {
            [LiveTool] int {|LIVE011:B|}();
        }
        public partial class Host
        {
            /// <summary>Hosts a local function.</summary>
            public void Run()
            {
                [LiveTool] static int {|LIVE011:Local|}() => 1;
                Local();
            }
        }
        """);


    [Fact]
    public Task LIVE011_abstract_method_and_local_function_in_a_partial_type() => Verify.AnalyzerAsync("""
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

    [Fact]
    public Task LIVE011_explicit_interface_implementation() => Verify.AnalyzerAsync("""
        public interface ICounter { int Count(); }
        public partial class Tools : ICounter
        {
            [LiveTool] int ICounter.{|LIVE011:Count|}() => 1;
        }
        """);

    [Fact]
    public Task LIVE012_tool_without_description() => Verify.AnalyzerWithDescriptionsAsync("""
        public partial class Tools
        {
            [LiveTool] public int {|LIVE012:Undocumented|}() => 1;

            /// <summary></summary>
            [LiveTool] public int {|LIVE012:EmptySummary|}() => 1;

            /// <remarks>Remarks are not a description.</remarks>
            [LiveTool] public int {|LIVE012:OnlyRemarks|}() => 1;

            /// <summary>Documented.</summary>
            [LiveTool] public int Documented() => 1;

            [LiveTool, Description("Described.")] public int Described() => 1;
        }
        """);

    [Fact]
    public Task LIVE012_message_names_the_tool_and_the_method() => Verify.AnalyzerWithDescriptionsAsync(
        """
        public partial class Tools
        {
            [LiveTool] public Task<int> {|#0:GetWeatherAsync|}() => Task.FromResult(1);
        }
        """,
        Verify.Diagnostic("LIVE012").WithLocation(0).WithArguments("get_weather", "GetWeatherAsync"));

    [Fact]
    public Task LIVE013_parameter_without_description() => Verify.AnalyzerWithDescriptionsAsync("""
        public partial class Tools
        {
            /// <summary>Adds.</summary>
            /// <param name="a">The first.</param>
            /// <param name="c"></param>
            [LiveTool]
            public int Add(int a, int {|LIVE013:b|}, [Description("The third.")] int c, int {|LIVE013:d|}, CancellationToken cancellationToken, LiveToolContext context) => a;
        }
        """);

    [Fact]
    public Task LIVE012_and_LIVE013_read_doc_comments_when_the_compilation_does_not_parse_them()
    {
        var test = new Verify.AnalyzerTest(Microsoft.CodeAnalysis.DocumentationMode.None)
        {
            TestCode = Verify.Usings + """
                public partial class Tools
                {
                    /// <summary>Adds.</summary>
                    /// <param name="a">The first.</param>
                    [LiveTool] public int Add(int a, int {|LIVE013:b|}) => a;

                    [LiveTool] public int {|LIVE012:Bare|}() => 1;
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task LIVE014_two_parameters_with_one_json_name() => Verify.AnalyzerAsync(
        """
        public partial class Tools
        {
            [LiveTool] public int Find(string userId, string {|#0:user_id|}) => 1;
            [LiveTool] public int Fine(string userId, string userName) => 1;
        }
        """,
        Verify.Diagnostic("LIVE014").WithLocation(0).WithArguments("user_id", "Find", "user_id", "userId"));

    [Fact]
    public Task LIVE015_file_local_type() => Verify.AnalyzerAsync("""
        file partial class {|LIVE015:Tools|}
        {
            [LiveTool] public int A() => 1;
        }
        """);

    [Fact]
    public Task LIVE016_scheduling_on_a_blocking_tool() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool({|LIVE016:Scheduling = FunctionResponseScheduling.Silent|})] public int A() => 1;
            [LiveTool(Behavior = Behavior.Blocking, {|LIVE016:Scheduling = FunctionResponseScheduling.Interrupt|})] public int B() => 1;
            [LiveTool(Behavior = Behavior.NonBlocking, Scheduling = FunctionResponseScheduling.WhenIdle)] public int C() => 1;
            [LiveTool(Scheduling = FunctionResponseScheduling.Unspecified)] public int D() => 1;
        }
        """);

    [Fact]
    public Task LIVE017_negative_timeout() => Verify.AnalyzerAsync(
        """
        public partial class Tools
        {
            [LiveTool({|#0:TimeoutMilliseconds = -500|})] public int A() => 1;
            [LiveTool(TimeoutMilliseconds = 0)] public int B() => 1;
            [LiveTool(TimeoutMilliseconds = 2000)] public int C() => 1;
        }
        """,
        Verify.Diagnostic("LIVE017").WithLocation(0).WithArguments("A", "-500"));

    [Fact]
    public Task LIVE021_service_parameter_with_a_schema_attribute_or_a_value_type() => Verify.AnalyzerAsync(
        """
        public interface IClock { DateTime Now { get; } }
        public partial class Tools
        {
            [LiveTool] public int A([FromServices, Description("The clock.")] IClock {|#0:clock|}) => 1;
            [LiveTool] public int B([FromServices] int {|#1:count|}) => 1;
            [LiveTool] public int C([FromServices] IClock clock, [FromServices] IClock? optional, IServiceProvider services, int n) => n;
        }
        """,
        Verify.Diagnostic("LIVE021").WithLocation(0).WithArguments("clock", "A", "it also has [Description], which only describes an argument the model sends; a service is not in the schema, so remove it"),
        Verify.Diagnostic("LIVE021").WithLocation(1).WithArguments("count", "B", "a service must be a class, interface or delegate type, and 'int' is not"));

    [Fact]
    public Task LIVE021_keyed_service_without_IKeyedServiceProvider_or_with_an_unsupported_key() => Verify.AnalyzerAsync(
        """
        namespace Microsoft.Extensions.DependencyInjection
        {
            [AttributeUsage(AttributeTargets.Parameter)]
            public sealed class FromKeyedServicesAttribute : Attribute
            {
                public FromKeyedServicesAttribute(object? key) { }
            }
        }

        namespace App
        {
            using Microsoft.Extensions.DependencyInjection;

            public interface IClock { DateTime Now { get; } }
            public partial class Tools
            {
                [LiveTool] public int A([FromKeyedServices("utc")] IClock {|#0:clock|}) => 1;
                [LiveTool] public int B([FromKeyedServices(1.5)] IClock {|#1:clock|}, [FromServices] IClock other) => 1;
            }
        }
        """,
        Verify.Diagnostic("LIVE021").WithLocation(0).WithArguments("clock", "A", "[FromKeyedServices] needs Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider (Microsoft.Extensions.DependencyInjection.Abstractions 8.0 or later), which the project does not reference"),
        Verify.Diagnostic("LIVE021").WithLocation(1).WithArguments("clock", "B", "[FromKeyedServices] needs Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider (Microsoft.Extensions.DependencyInjection.Abstractions 8.0 or later), which the project does not reference"),
        Verify.Diagnostic("LIVE021").WithLocation(1).WithArguments("clock", "B", "its [FromKeyedServices] key must be a string or int constant"));

    [Fact]
    public Task LIVE021_both_service_attributes() => Verify.AnalyzerAsync(
        """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public interface IKeyedServiceProvider : IServiceProvider { object? GetKeyedService(Type serviceType, object? serviceKey); }

            [AttributeUsage(AttributeTargets.Parameter)]
            public sealed class FromKeyedServicesAttribute : Attribute
            {
                public FromKeyedServicesAttribute(object? key) { }
            }
        }

        namespace App
        {
            using Microsoft.Extensions.DependencyInjection;

            public interface IClock { DateTime Now { get; } }
            public partial class Tools
            {
                [LiveTool] public int A([FromServices, FromKeyedServices("utc")] IClock {|#0:clock|}) => 1;
                [LiveTool] public int B([FromKeyedServices("utc")] IClock clock, [FromKeyedServices(2)] IClock second) => 1;
            }
        }
        """,
        Verify.Diagnostic("LIVE021").WithLocation(0).WithArguments("clock", "A", "it has both [FromServices] and [FromKeyedServices]; keep one"));

    [Fact]
    public Task LIVE022_no_constructor_the_generated_factory_can_call() => Verify.AnalyzerAsync(
        """
        namespace Microsoft.Extensions.DependencyInjection
        {
            [AttributeUsage(AttributeTargets.Constructor)]
            public sealed class ActivatorUtilitiesConstructorAttribute : Attribute { }
        }

        namespace App
        {
            using Microsoft.Extensions.DependencyInjection;

            public interface IClock { DateTime Now { get; } }

            public partial class {|#0:Two|}
            {
                public Two() { }
                public Two(IClock clock) { }
                [LiveTool] public int A() => 1;
            }

            public partial class {|#1:Hidden|}
            {
                private Hidden() { }
                [LiveTool] public int B() => 1;
            }

            public partial class {|#2:ValueParameter|}
            {
                public ValueParameter(int retries) { }
                [LiveTool] public int C() => 1;
            }

            public partial class Marked
            {
                public Marked() { }
                [ActivatorUtilitiesConstructor] public Marked(IClock clock, IClock? optional = null, IServiceProvider? services = null) { }
                [LiveTool] public int D() => 1;
            }

            public partial class Implicit
            {
                [LiveTool] public int E() => 1;
            }

            public static partial class Static
            {
                [LiveTool] public static int F() => 1;
            }

            public partial class {|#3:Required|}
            {
                public required string Name { get; init; }
                [LiveTool] public int H() => 1;
            }

            public partial class SetsRequired
            {
                [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public SetsRequired() { Name = "x"; }
                public required string Name { get; init; }
                [LiveTool] public int I() => 1;
            }

            public abstract partial class Abstract
            {
                protected Abstract(int x) { }
                [LiveTool] public int G() => 1;
            }
        }
        """,
        Verify.Diagnostic("LIVE022").WithLocation(0).WithArguments("Two", "it has several public constructors and none is marked [ActivatorUtilitiesConstructor]"),
        Verify.Diagnostic("LIVE022").WithLocation(1).WithArguments("Hidden", "it has no public constructor"),
        Verify.Diagnostic("LIVE022").WithLocation(2).WithArguments("ValueParameter", "its parameter 'retries' is of the value type 'int', and only services can be resolved"),
        Verify.Diagnostic("LIVE022").WithLocation(3).WithArguments("Required", "it has required members and its constructor is not marked [SetsRequiredMembers]"));

    [Fact]
    public Task LIVE020_a_blocking_tool_that_streams_or_reports_progress() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool] public async IAsyncEnumerable<string> {|LIVE020:Stream|}([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                await Task.Yield();
                yield return "first";
            }

            [LiveTool(Behavior = Behavior.Blocking)] public async Task<int> {|LIVE020:Count|}(LiveToolContext context)
            {
                await context.ReportProgressAsync("half way", 0.5);
                return 2;
            }

            [LiveTool] public int {|LIVE020:Partial|}(LiveToolContext? ctx)
            {
                _ = ctx?.ReportPartialResultAsync(new System.Text.Json.Nodes.JsonObject());
                return 1;
            }

            [LiveTool(Behavior = Behavior.NonBlocking)] public async IAsyncEnumerable<string> StreamInBackground([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                await Task.Yield();
                yield return "first";
            }

            [LiveTool(Behavior = Behavior.NonBlocking)] public async Task<int> CountInBackground(LiveToolContext context)
            {
                await context.ReportProgressAsync("half way");
                return 2;
            }

            // The context without interim responses (parts, the call's id) is no reason to warn.
            [LiveTool] public string Caption(LiveToolContext context) => context.CallId ?? "";
        }
        """);

    [Fact]
    public Task LIVE020_message_says_whether_BLOCKING_was_stated_or_the_default() => Verify.AnalyzerAsync(
        """
        public partial class Tools
        {
            [LiveTool] public async IAsyncEnumerable<int> {|#0:Numbers|}()
            {
                await Task.Yield();
                yield return 1;
            }

            [LiveTool(Behavior = Behavior.Blocking)] public async Task<int> {|#1:Count|}(LiveToolContext context)
            {
                await context.ReportProgressAsync("half way");
                return 2;
            }
        }
        """,
        Verify.Diagnostic("LIVE020").WithLocation(0).WithArguments(
            "Numbers",
            "returns IAsyncEnumerable<T>, whose items before the last go out as interim responses",
            "no Behavior is set, and the generator declares such a tool BLOCKING"),
        Verify.Diagnostic("LIVE020").WithLocation(1).WithArguments(
            "Count",
            "calls LiveToolContext.ReportProgressAsync, which sends an interim response",
            "Behavior = Behavior.Blocking"));

    [Fact]
    public Task Every_problem_of_one_method_is_reported() => Verify.AnalyzerAsync("""
        public partial class Tools
        {
            [LiveTool({|LIVE004:"bad name"|}, {|LIVE016:Scheduling = FunctionResponseScheduling.Silent|})]
            public {|LIVE003:Stream|} Open(ref int {|LIVE007:x|}, {|LIVE002:object|} y, CancellationToken a, CancellationToken {|LIVE009:b|}) => Stream.Null;
        }
        """);
}
