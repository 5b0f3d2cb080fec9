namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// A real <c>dotnet build</c> with the trim analyzer on (<c>IsAotCompatible</c>): IL2026 for <c>[MinLength]</c>,
/// <c>[MaxLength]</c> and <c>[Length]</c> on <c>[LiveTool]</c> parameters is suppressed by
/// <c>LengthAttributeTrimSuppressor</c>; the same attributes on a plain method or on a property still warn.
/// </summary>
public sealed class TrimSuppressionTests : IDisposable
{
    private readonly SampleProject _project = new(
        "live-tools-trim-",
        "\n    <IsAotCompatible>true</IsAotCompatible>\n    <NoWarn>$(NoWarn);LIVE012;LIVE013</NoWarn>");

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task IL2026_of_length_attributes_is_suppressed_on_tool_parameters_only()
    {
        WriteProject();

        (int exitCode, string output) = await _project.BuildAsync();

        Assert.True(exitCode == 0, output);
        string[] warnings = output.Split('\n')
            .Select(static l => l.TrimEnd('\r'))
            .Where(static l => l.Contains(": warning IL2026:", StringComparison.Ordinal))
            .Distinct()
            .ToArray();

        // Lines 10-12 hold the tool's parameters: no warning. Line 17 (a plain method) and line 22 (a property) keep theirs.
        Assert.True(warnings.Length == 2, "Expected two IL2026 warnings:\n" + output);
        Assert.Contains(warnings, static w => w.Contains("Tools.cs(17,", StringComparison.Ordinal) && w.Contains("MinLengthAttribute", StringComparison.Ordinal));
        Assert.Contains(warnings, static w => w.Contains("Tools.cs(22,", StringComparison.Ordinal) && w.Contains("MaxLengthAttribute", StringComparison.Ordinal));
    }

    private void WriteProject()
    {
        _project.Write("Tools.cs", """
            using System.ComponentModel.DataAnnotations;
            using Live.Tools;

            namespace Sample;

            public partial class SearchTools
            {
                [LiveTool]
                public int Search(
                    [MinLength(2)] string query,
                    [MaxLength(5)] string[] tags,
                    [Length(1, 3)] int[] pages) => query.Length + tags.Length + pages.Length;
            }

            public static class Plain
            {
                public static int Count([MinLength(2)] string text) => text.Length;
            }

            public sealed class Form
            {
                [MaxLength(5)]
                public string Name { get; set; } = "";
            }

            """);
    }
}
