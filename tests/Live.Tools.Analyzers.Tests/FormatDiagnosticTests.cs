namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// LIVE018 (a public field System.Text.Json ignores) and LIVE019 (a DataAnnotations attribute the dispatcher cannot
/// check where it stands): code that compiled and then silently lost a value or a check now gets a warning.
/// </summary>
public class FormatDiagnosticTests
{
    private const string Annotations = "using System.ComponentModel.DataAnnotations;\n";

    [Fact]
    public Task LIVE018_public_fields_of_a_parameter_type_and_of_a_result_type() => Verify.AnalyzerAsync("""
        public sealed class Request
        {
            public string Name = "";
            [JsonInclude] public int Count;
            [JsonIgnore] public int Hidden;
            internal int Internal;
            public const int Max = 3;
            public static int Shared;
            public string Title { get; set; } = "";
        }
        public sealed class Reply { public int Code; public string Text { get; set; } = ""; }
        public partial class Tools
        {
            [LiveTool] public int Send({|#0:Request|} request) => 1;
            [LiveTool] public {|#1:Reply|} Answer(int code) => new();
        }
        """,
        Verify.Diagnostic("LIVE018").WithLocation(0).WithArguments("request.Name", "Send"),
        Verify.Diagnostic("LIVE018").WithLocation(1).WithArguments("result.Code", "Answer"));

    [Fact]
    public Task LIVE018_not_for_JsonInclude_JsonIgnore_or_properties() => Verify.AnalyzerAsync("""
        public struct Point
        {
            [JsonInclude] public double X;
            [JsonInclude] public double Y;
            [JsonIgnore] public double Cached;
        }
        public partial class Tools
        {
            [LiveTool] public Point Move(Point point) => point;
        }
        """);

    [Fact]
    public Task LIVE002_a_private_JsonInclude_field_cannot_be_reached_by_generated_code() => Verify.AnalyzerAsync("""
        public sealed class Holder
        {
            [JsonInclude] private string _secret = "";
            public string Shown => _secret;
        }
        public partial class Tools
        {
            [LiveTool] public int A({|#0:Holder|} holder) => 1;
            [LiveTool] public int B({|#1:Holder|} first, {|#2:Holder|} second) => 1;
        }
        """,
        Verify.Diagnostic("LIVE002").WithLocation(0).WithArguments("holder", "A", "holder._secret: string (a [JsonInclude] field must be public (or internal in this assembly) for the generated code to reach it)"),
        Verify.Diagnostic("LIVE002").WithLocation(1).WithArguments("first", "B", "first._secret: string (a [JsonInclude] field must be public (or internal in this assembly) for the generated code to reach it)"),
        Verify.Diagnostic("LIVE002").WithLocation(2).WithArguments("second", "B", "second._secret: string (a [JsonInclude] field must be public (or internal in this assembly) for the generated code to reach it)"));

    [Fact]
    public Task LIVE019_annotations_the_dispatcher_cannot_check_where_they_stand() => Verify.AnalyzerAsync(Annotations + """
        public sealed class Filter
        {
            [EmailAddress] public int Owner { get; set; }
        }
        public partial class Tools
        {
            [LiveTool] public int A([EmailAddress] int {|#0:id|}) => 1;
            [LiveTool] public int B([Range(typeof(DateTime), "2020-01-01", "2030-01-01")] string {|#1:when|}) => 1;
            [LiveTool] public int C([AllowedValues(1, 2)] int {|#2:level|}) => 1;
            [LiveTool] public int D([MinLength(2)] int {|#3:count|}) => 1;
            [LiveTool] public int E([Range(1, 5)] DateTime {|#4:day|}) => 1;
            [LiveTool] public int F({|#5:Filter|} filter) => 1;
            [LiveTool] public int G([Url] Uri {|#6:link|}) => 1;
        }
        """,
        Verify.Diagnostic("LIVE019").WithLocation(0).WithArguments("EmailAddress", "id", "A", "it checks strings only, and this value is a number; take a string, or drop the attribute"),
        Verify.Diagnostic("LIVE019").WithLocation(1).WithArguments("Range", "when", "B", "on a string only numeric bounds are checked; take the typed value (for example a DateOnly parameter) and check it in the method"),
        Verify.Diagnostic("LIVE019").WithLocation(2).WithArguments("AllowedValues", "level", "C", "only strings are checked, and this value is a number; use an enum for a closed set of values, or check it in the method"),
        Verify.Diagnostic("LIVE019").WithLocation(3).WithArguments("MinLength", "count", "D", "only the length of strings, arrays and bytes is checked, and this value is a number"),
        Verify.Diagnostic("LIVE019").WithLocation(4).WithArguments("Range", "day", "E", "only numbers, and strings holding numbers, are checked; check the value in the method"),
        Verify.Diagnostic("LIVE019").WithLocation(5).WithArguments("EmailAddress", "filter.Owner", "F", "it checks strings only, and this value is a number; take a string, or drop the attribute"),
        Verify.Diagnostic("LIVE019").WithLocation(6).WithArguments("Url", "link", "G", "it checks strings only, and this value is a System.Uri; take a string, or drop the attribute"));

    [Fact]
    public Task No_diagnostic_for_annotations_that_are_mapped_and_checked() => Verify.AnalyzerAsync(Annotations + """
        [Flags] public enum Access { None = 0, Read = 1, Write = 2 }
        public sealed class Contact
        {
            [EmailAddress] public string Mail { get; set; } = "";
            [Phone] public string? Phone { get; set; }
        }
        public partial class Tools
        {
            [LiveTool] public int A([EmailAddress] string mail, [Url] string link, [Phone] string phone, [Base64String] string blob) => 1;
            [LiveTool] public int B([Range(1, 10)] string amount, [Range(typeof(decimal), "0.5", "9.5")] string price, [Range(1, 3)] int level) => 1;
            [LiveTool] public int C([AllowedValues("a", "b")] string pick, [DeniedValues("root")] string user, [MinLength(1)] int[] ids, [MaxLength(64)] byte[] hash) => 1;
            [LiveTool] public byte[] D(byte[] data, ReadOnlyMemory<byte> more, Memory<byte>? extra, Access access, Contact contact) => data;
        }
        """);
}
