using Live.Tools.CodeFixes;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// The skeleton's elements are empty, so the warnings stay (on the same spans) until a description is written; the
/// fixed sources mark them.
/// </summary>
public class DocumentationFixTests
{
    [Fact]
    public Task Adds_a_skeleton_with_a_param_for_every_parameter() => RunAsync(
        """
        public partial class Tools
        {
            [LiveTool]
            public int {|LIVE012:Add|}(int {|LIVE013:a|}, int {|LIVE013:@b|}, CancellationToken cancellationToken) => a + b;
        }
        """,
        """
        public partial class Tools
        {
            /// <summary></summary>
            /// <param name="a"></param>
            /// <param name="b"></param>
            /// <param name="cancellationToken"></param>
            [LiveTool]
            public int {|LIVE012:Add|}(int {|LIVE013:a|}, int {|LIVE013:@b|}, CancellationToken cancellationToken) => a + b;
        }
        """);

    [Fact]
    public Task Inserts_a_missing_param_in_parameter_order() => RunAsync(
        """
        public partial class Tools
        {
            /// <summary>Adds.</summary>
            /// <param name="a">The first.</param>
            /// <param name="c">The third.</param>
            /// <returns>The sum.</returns>
            [LiveTool]
            public int Add(int a, int {|LIVE013:b|}, int c, int {|LIVE013:d|}) => a + b + c + d;
        }
        """,
        """
        public partial class Tools
        {
            /// <summary>Adds.</summary>
            /// <param name="a">The first.</param>
            /// <param name="b"></param>
            /// <param name="c">The third.</param>
            /// <param name="d"></param>
            /// <returns>The sum.</returns>
            [LiveTool]
            public int Add(int a, int {|LIVE013:b|}, int c, int {|LIVE013:d|}) => a + b + c + d;
        }
        """);

    [Fact]
    public Task Adds_a_missing_summary_first_and_params_after_multi_line_elements() => RunAsync(
        """
        public partial class Tools
        {
            /// <param name="a">
            /// The first.
            /// </param>
            [LiveTool]
            public int {|LIVE012:Add|}(int a, int {|LIVE013:b|}) => a + b;

            /// <summary>
            /// Negates.
            /// </summary>
            /// <remarks>Remarks stay last.</remarks>
            [LiveTool]
            public int Negate(int {|LIVE013:value|}) => -value;
        }
        """,
        """
        public partial class Tools
        {
            /// <summary></summary>
            /// <param name="a">
            /// The first.
            /// </param>
            /// <param name="b"></param>
            [LiveTool]
            public int {|LIVE012:Add|}(int a, int {|LIVE013:b|}) => a + b;

            /// <summary>
            /// Negates.
            /// </summary>
            /// <param name="value"></param>
            /// <remarks>Remarks stay last.</remarks>
            [LiveTool]
            public int Negate(int {|LIVE013:value|}) => -value;
        }
        """,
        iterations: 2);

    [Fact]
    public Task Adds_no_summary_when_the_method_has_a_Description_attribute() => RunAsync(
        """
        public partial class Tools
        {
            [LiveTool]
            [System.ComponentModel.Description("Adds.")]
            public int Add(int {|LIVE013:a|}, [Description("The second.")] int b) => a + b;
        }
        """,
        """
        public partial class Tools
        {
            /// <param name="a"></param>
            /// <param name="b"></param>
            [LiveTool]
            [System.ComponentModel.Description("Adds.")]
            public int Add(int {|LIVE013:a|}, [Description("The second.")] int b) => a + b;
        }
        """);

    [Fact]
    public Task Sees_the_doc_block_when_the_compilation_does_not_parse_doc_comments()
    {
        var test = new Verify.CodeFixTest<DocumentationCodeFixProvider>(
            """
            public partial class Tools
            {
                /// <summary>Adds.</summary>
                [LiveTool]
                public int Add(int {|LIVE013:a|}) => a;
            }
            """,
            """
            public partial class Tools
            {
                /// <summary>Adds.</summary>
                /// <param name="a"></param>
                [LiveTool]
                public int Add(int {|LIVE013:a|}) => a;
            }
            """,
            [],
            DocumentationMode.None)
        {
            NumberOfIncrementalIterations = 1,
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_in_a_nested_type_with_several_tools()
    {
        var test = new Verify.CodeFixTest<DocumentationCodeFixProvider>(
            """
            public partial class Outer
            {
                public partial class Tools
                {
                    [LiveTool] public void {|LIVE012:Stop|}() { }

                    /// <summary>Moves.</summary>
                    [LiveTool]
                    public void Move(int {|LIVE013:x|}, int {|LIVE013:y|}) { }

                    [LiveTool, Description("Described.")]
                    public void Described([Description("The value.")] int value) { }

            #pragma warning disable CS1998
                    [LiveTool]
                    public async Task {|LIVE012:WaitAsync|}(TimeSpan {|LIVE013:delay|}, LiveToolContext context) { }
            #pragma warning restore CS1998
                }
            }
            """,
            """
            public partial class Outer
            {
                public partial class Tools
                {
                    /// <summary></summary>
                    [LiveTool] public void {|LIVE012:Stop|}() { }

                    /// <summary>Moves.</summary>
                    /// <param name="x"></param>
                    /// <param name="y"></param>
                    [LiveTool]
                    public void Move(int {|LIVE013:x|}, int {|LIVE013:y|}) { }

                    [LiveTool, Description("Described.")]
                    public void Described([Description("The value.")] int value) { }

            #pragma warning disable CS1998
                    /// <summary></summary>
                    /// <param name="delay"></param>
                    /// <param name="context"></param>
                    [LiveTool]
                    public async Task {|LIVE012:WaitAsync|}(TimeSpan {|LIVE013:delay|}, LiveToolContext context) { }
            #pragma warning restore CS1998
                }
            }
            """,
            [])
        {
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync();
    }

    private static Task RunAsync(string source, string fixedSource, int iterations = 1)
    {
        var test = new Verify.CodeFixTest<DocumentationCodeFixProvider>(source, fixedSource, [])
        {
            // One application adds everything the method lacks; then no fix is offered, although the warnings stay.
            NumberOfIncrementalIterations = iterations,
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync();
    }
}
