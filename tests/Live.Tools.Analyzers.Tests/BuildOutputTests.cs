using System.Text.RegularExpressions;

namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// One real <c>dotnet build</c> of a throwaway project with deliberate mistakes: the diagnostics reach the build output
/// with id, message and file(line,col), and <c>.editorconfig</c> and <c>#pragma</c> act on them as in the IDE.
/// </summary>
public sealed class BuildOutputTests : IDisposable
{
    private readonly SampleProject _project = new("live-tools-build-");

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Dotnet_build_shows_id_message_and_location()
    {
        WriteProject();

        (int exitCode, string output) = await _project.BuildAsync();

        string[] lines = output.Split('\n').Select(static l => l.TrimEnd('\r')).ToArray();
        Assert.NotEqual(0, exitCode);

        // The error: a type that is not partial, at the type's name (line 5, column 14).
        string notPartial = Single(lines, "LIVE001");
        Match match = Regex.Match(notPartial, @"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\): error LIVE001: (?<message>.+) \[(?<project>.+)\]$");
        Assert.True(match.Success, notPartial);
        Assert.Equal(Path.Combine(_project.Directory, "Tools.cs"), match.Groups["file"].Value);
        Assert.Equal("5", match.Groups["line"].Value);
        Assert.Equal("14", match.Groups["column"].Value);
        Assert.Equal(
            "Type 'WeatherTools' must be declared partial (and so must every type that encloses it) so that the tools of 'GetWeather' can be generated"
            + " (https://github.com/live-tools/live-tools/blob/main/docs/diagnostics/LIVE001.md)",
            match.Groups["message"].Value);

        // A warning raised to an error by the category-wide .editorconfig setting.
        Assert.Matches(@"Quiet\.cs\(8,16\): error LIVE012: Tool 'undocumented' \(method 'Undocumented'\) has no description", Single(lines, "LIVE012"));

        // A warning kept a warning by its own .editorconfig line; the parameter under #pragma is not reported.
        Assert.Matches(@"Quiet\.cs\(12,13\): warning LIVE013: Parameter 'shown' of tool method 'Undocumented' has no description", Single(lines, "LIVE013"));
        Assert.DoesNotContain(lines, static l => l.Contains("'hidden'", StringComparison.Ordinal));
    }

    /// <summary>The one distinct output line with the id (the summary after "Build FAILED." repeats it).</summary>
    private static string Single(string[] lines, string id)
    {
        string[] found = lines.Where(l => l.Contains(": error " + id + ":", StringComparison.Ordinal) || l.Contains(": warning " + id + ":", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.True(found.Length == 1, "Expected one " + id + " line, found " + found.Length + ":\n" + string.Join('\n', lines));
        return found[0];
    }

    private void WriteProject()
    {
        _project.Write(".editorconfig", """
            root = true

            [*.cs]
            dotnet_analyzer_diagnostic.category-Live.Tools.severity = error
            dotnet_diagnostic.LIVE013.severity = warning
            """);

        _project.Write("Tools.cs", """
            using Live.Tools;

            namespace Sample;

            public class WeatherTools
            {
                /// <summary>Gets the weather.</summary>
                /// <param name="city">The city.</param>
                [LiveTool]
                public string GetWeather(string city) => city;
            }

            """);

        _project.Write("Quiet.cs", """
            using Live.Tools;

            namespace Sample;

            public partial class QuietTools
            {
                [LiveTool]
                public int Undocumented(
            #pragma warning disable LIVE013
                    int hidden,
            #pragma warning restore LIVE013
                    int shown) => hidden + shown;
            }

            """);
    }
}
