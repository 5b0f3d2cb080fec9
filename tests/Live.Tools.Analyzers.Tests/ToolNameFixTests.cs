using Live.Tools.CodeFixes;

namespace Live.Tools.Analyzers.Tests;

public class ToolNameFixTests
{
    [Fact]
    public Task Replaces_an_invalid_explicit_name() => RunAsync(
        """
        public partial class Tools
        {
            [LiveTool({|LIVE004:"get weather"|})] public int A() => 1;
            [LiveTool(name: {|LIVE004:"9lives"|})] public int B() => 1;
            [LiveTool({|LIVE004:"Größe!"|}, Behavior = Behavior.NonBlocking)] public int C() => 1;
        }
        """,
        """
        public partial class Tools
        {
            [LiveTool("get_weather")] public int A() => 1;
            [LiveTool(name: "_9lives")] public int B() => 1;
            [LiveTool("grosse", Behavior = Behavior.NonBlocking)] public int C() => 1;
        }
        """);

    [Fact]
    public Task Names_a_tool_whose_method_name_gives_an_invalid_name() => RunAsync(
        """
        public partial class Tools
        {
            [LiveTool] public int {|LIVE004:Größe|}() => 1;
            [LiveTool(TimeoutMilliseconds = 100)] public int {|LIVE004:Straße|}() => 1;
        }
        """,
        """
        public partial class Tools
        {
            [LiveTool("grosse")] public int Größe() => 1;
            [LiveTool("strasse", TimeoutMilliseconds = 100)] public int Straße() => 1;
        }
        """);

    [Fact]
    public Task A_valid_name_that_is_taken_falls_back_to_the_method_name() => RunAsync(
        """
        public partial class Tools
        {
            [LiveTool] public int GetWeather() => 1;
            [LiveTool({|LIVE004:"get weather"|})] public int Other() => 1;
        }
        """,
        """
        public partial class Tools
        {
            [LiveTool] public int GetWeather() => 1;
            [LiveTool("other")] public int Other() => 1;
        }
        """);

    [Fact]
    public Task Renames_an_overload_with_the_same_parameter_names_by_its_parameter_types() => RunAsync(
        """
        public partial class Tools
        {
            [LiveTool] public int Add(int a) => a;
            [LiveTool] public long {|LIVE005:Add|}(long a) => a;
        }
        """,
        """
        public partial class Tools
        {
            [LiveTool] public int Add(int a) => a;
            [LiveTool("add_int64")] public long Add(long a) => a;
        }
        """);

    [Fact]
    public Task Renames_an_overload_by_the_parameters_that_set_it_apart() => RunAsync(
        """
        public partial class Tools
        {
            [LiveTool] public string Find(int id) => "";
            [LiveTool] public string {|LIVE005:Find|}(string email, System.Threading.CancellationToken cancellationToken) => "";
            [LiveTool] public string {|LIVE005:Find|}(string firstName, string lastName) => "";
        }
        """,
        """
        public partial class Tools
        {
            [LiveTool] public string Find(int id) => "";
            [LiveTool("find_by_email")] public string Find(string email, System.Threading.CancellationToken cancellationToken) => "";
            [LiveTool("find_by_first_name_and_last_name")] public string Find(string firstName, string lastName) => "";
        }
        """);

    [Fact]
    public Task Fix_all_gives_every_duplicate_its_own_name()
    {
        var test = new Verify.CodeFixTest<ToolNameCodeFixProvider>(
            """
            public partial class Outer
            {
                public partial class Tools
                {
                    [LiveTool("x")] public int A() => 1;
                    [LiveTool("x")] public int {|LIVE005:B|}() => 1;
                    [LiveTool("x")] public int {|LIVE005:C|}() => 1;
                    [LiveTool] public int GetData() => 1;
                    [LiveTool] public Task<int> {|LIVE005:GetDataAsync|}() => Task.FromResult(1);
                    [LiveTool({|LIVE004:"bad name"|})] public int D() => 1;
                }
            }
            """,
            """
            public partial class Outer
            {
                public partial class Tools
                {
                    [LiveTool("x")] public int A() => 1;
                    [LiveTool("b")] public int B() => 1;
                    [LiveTool("c")] public int C() => 1;
                    [LiveTool] public int GetData() => 1;
                    [LiveTool("get_data_2")] public Task<int> GetDataAsync() => Task.FromResult(1);
                    [LiveTool("bad_name")] public int D() => 1;
                }
            }
            """,
            Verify.DescriptionIds)
        {
            NumberOfIncrementalIterations = 4,
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync();
    }

    private static Task RunAsync(string source, string fixedSource) =>
        new Verify.CodeFixTest<ToolNameCodeFixProvider>(source, fixedSource, Verify.DescriptionIds).RunAsync();
}
