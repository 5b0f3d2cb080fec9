using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// One real <c>dotnet build</c> of a throwaway project with deliberate mistakes: the diagnostics reach the build output
/// with id, message and file(line,col), and <c>.editorconfig</c> and <c>#pragma</c> act on them as in the IDE.
/// </summary>
public sealed class BuildOutputTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "live-tools-build-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Fact]
    public async Task Dotnet_build_shows_id_message_and_location()
    {
        WriteProject();

        (int exitCode, string output) = await BuildAsync();

        string[] lines = output.Split('\n').Select(static l => l.TrimEnd('\r')).ToArray();
        Assert.NotEqual(0, exitCode);

        // The error: a type that is not partial, at the type's name (line 5, column 14).
        string notPartial = Single(lines, "LIVE001");
        Match match = Regex.Match(notPartial, @"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\): error LIVE001: (?<message>.+) \[(?<project>.+)\]$");
        Assert.True(match.Success, notPartial);
        Assert.Equal(Path.Combine(_directory, "Tools.cs"), match.Groups["file"].Value);
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
        Directory.CreateDirectory(_directory);

        // Keep the repository's build settings (warnings as errors, central packages, analyzers) out of the sample.
        File.WriteAllText(Path.Combine(_directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(_directory, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        File.Copy(RepoPaths.Combine("global.json"), Path.Combine(_directory, "global.json"));

        string abstractions = RepoPaths.Combine("src", "Live.Tools.Abstractions", "Live.Tools.Abstractions.csproj");
        string generator = RepoPaths.Combine("src", "Live.Tools.Generator", "Live.Tools.Generator.csproj");
        File.WriteAllText(Path.Combine(_directory, "Sample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <!-- The test project already built these in this configuration; do not rebuild them from here. -->
                <BuildProjectReferences>false</BuildProjectReferences>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{abstractions}" />
                <ProjectReference Include="{generator}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(_directory, ".editorconfig"), """
            root = true

            [*.cs]
            dotnet_analyzer_diagnostic.category-Live.Tools.severity = error
            dotnet_diagnostic.LIVE013.severity = warning
            """);

        File.WriteAllText(Path.Combine(_directory, "Tools.cs"), """
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

        File.WriteAllText(Path.Combine(_directory, "Quiet.cs"), """
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

    private async Task<(int ExitCode, string Output)> BuildAsync()
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "build", "Sample.csproj", "--nologo", "-c", RepoPaths.Configuration, "--disable-build-servers",
            "-tl:off", "-v:minimal",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host may run under MSBuild; its variables must not steer the child build.
        foreach (string name in start.Environment.Keys.Where(static k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBuild", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet build did not finish within " + Timeout + ":\n" + output);
        }

        // WaitForExitAsync returns after the redirected streams reach their end.
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }

    private static string DotnetExecutable()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
