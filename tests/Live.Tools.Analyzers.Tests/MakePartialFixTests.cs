using Live.Tools.CodeFixes;

namespace Live.Tools.Analyzers.Tests;

public class MakePartialFixTests
{
    [Fact]
    public Task Adds_partial_after_the_other_modifiers() => RunAsync(
        """
        public sealed class {|LIVE001:Tools|}
        {
            [LiveTool] public int A() => 1;
        }
        """,
        """
        public sealed partial class Tools
        {
            [LiveTool] public int A() => 1;
        }
        """);

    [Fact]
    public Task Keeps_doc_comments_and_attributes_when_there_are_no_modifiers() => RunAsync(
        """
        /// <summary>Tools.</summary>
        class {|LIVE001:Tools|}
        {
            [LiveTool] public int A() => 1;
        }

        [Obsolete("Old.")]
        record {|LIVE001:RecordTools|}
        {
            [LiveTool] public int B() => 1;
        }
        """,
        """
        /// <summary>Tools.</summary>
        partial class Tools
        {
            [LiveTool] public int A() => 1;
        }

        [Obsolete("Old.")]
        partial record RecordTools
        {
            [LiveTool] public int B() => 1;
        }
        """);

    [Fact]
    public Task Makes_the_type_and_every_enclosing_type_partial_in_one_step()
    {
        var test = new Verify.CodeFixTest<MakePartialCodeFixProvider>(
            """
            namespace App
            {
                public class {|LIVE001:Outer|}
                {
                    internal partial class Middle
                    {
                        private sealed class {|LIVE001:Inner|}
                        {
                            [LiveTool] public int A() => 1;
                        }
                    }
                }
            }
            """,
            """
            namespace App
            {
                public partial class Outer
                {
                    internal partial class Middle
                    {
                        private sealed partial class Inner
                        {
                            [LiveTool] public int A() => 1;
                        }
                    }
                }
            }
            """,
            Verify.DescriptionIds)
        {
            // Either diagnostic's fix makes the whole chain partial, so one application fixes both.
            NumberOfIncrementalIterations = 1,
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Fixes_only_an_enclosing_type_when_the_tool_type_is_partial() => RunAsync(
        """
        public static class {|LIVE001:Outer|}
        {
            public static partial class Tools
            {
                [LiveTool] public static int A() => 1;
            }
        }
        """,
        """
        public static partial class Outer
        {
            public static partial class Tools
            {
                [LiveTool] public static int A() => 1;
            }
        }
        """);

    [Fact]
    public Task Fix_all_in_a_file_with_several_tool_types()
    {
        var test = new Verify.CodeFixTest<MakePartialCodeFixProvider>(
            """
            public class {|LIVE001:WeatherTools|}
            {
                [LiveTool] public string GetWeather(string city) => city;
                [LiveTool] public string GetForecast(string city, int days) => city;
            }

            public static class {|LIVE001:MathTools|}
            {
                [LiveTool] public static int Add(int a, int b) => a + b;
            }

            public readonly struct {|LIVE001:Clock|}
            {
                [LiveTool] public long Now() => 0;
            }

            public partial class AlreadyPartial
            {
                [LiveTool] public int Fine() => 1;
            }

            public class NotATool
            {
                public int Helper() => 1;
            }
            """,
            """
            public partial class WeatherTools
            {
                [LiveTool] public string GetWeather(string city) => city;
                [LiveTool] public string GetForecast(string city, int days) => city;
            }

            public static partial class MathTools
            {
                [LiveTool] public static int Add(int a, int b) => a + b;
            }

            public readonly partial struct Clock
            {
                [LiveTool] public long Now() => 0;
            }

            public partial class AlreadyPartial
            {
                [LiveTool] public int Fine() => 1;
            }

            public class NotATool
            {
                public int Helper() => 1;
            }
            """,
            Verify.DescriptionIds)
        {
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync();
    }

    private static Task RunAsync(string source, string fixedSource) =>
        new Verify.CodeFixTest<MakePartialCodeFixProvider>(source, fixedSource, Verify.DescriptionIds).RunAsync();
}
