using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;

namespace Live.Tools.IntegrationTests;

/// <summary>Tools whose parameters carry DataAnnotations.</summary>
public partial class AnnotatedTools
{
    [LiveTool] public static int Ranged([Range(1, 7)] int days) => days;
    [LiveTool] public static double RangedNumber([Range(0.5, 2.5)] double factor) => factor;
    [LiveTool] public static string MinLen([MinLength(2)] string text) => text;
    [LiveTool] public static string MaxLen([MaxLength(3)] string text) => text;
    [LiveTool] public static string Len([Length(2, 4)] string text) => text;
    [LiveTool] public static string StrLen([StringLength(5, MinimumLength = 2)] string text) => text;
    [LiveTool] public static string Pattern([RegularExpression("[a-z]+")] string text) => text;
    [LiveTool] public static string RequiredText([Required] string? text) => text!;
    [LiveTool] public static int ItemCount([MinLength(1), MaxLength(3)] int[] values) => values.Length;
}

/// <summary>Tools with nullable and defaulted parameters.</summary>
public partial class OptionalTools
{
    [LiveTool] public static string Describe(string? name, int? age, string greeting = "hello", double factor = 1.5, bool loud = false, Priority priority = Priority.Low)
        => $"{greeting}|{name ?? "null"}|{(age is null ? "null" : age.ToString())}|{factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{loud}|{priority}";

    [LiveTool] public static string Unstated([Optional] int count, [Optional] string[] tags) => count + "|" + (tags is null ? "null" : tags.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
