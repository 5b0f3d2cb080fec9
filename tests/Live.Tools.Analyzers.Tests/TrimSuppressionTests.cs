using System.Diagnostics;
using System.Text;

namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// A real <c>dotnet build</c> with the trim analyzer on (<c>IsAotCompatible</c>): IL2026 for <c>[MinLength]</c>,
/// <c>[MaxLength]</c> and <c>[Length]</c> on <c>[LiveTool]</c> parameters is suppressed by
/// <c>LengthAttributeTrimSuppressor</c>; the same attributes on a plain method or on a property still warn.
/// </summary>
public sealed class TrimSuppressionTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "live-tools-trim-" + Guid.NewGuid().ToString("N")[..12]);

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
    public async Task IL2026_of_length_attributes_is_suppressed_on_tool_parameters_only()
    {
        WriteProject();

        (int exitCode, string output) = await BuildAsync();

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
        Directory.CreateDirectory(_directory);
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
                <IsAotCompatible>true</IsAotCompatible>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);LIVE012;LIVE013</NoWarn>
                <BuildProjectReferences>false</BuildProjectReferences>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{abstractions}" />
                <ProjectReference Include="{generator}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(_directory, "Tools.cs"), """
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

    private async Task<(int ExitCode, string Output)> BuildAsync()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(!string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "build", "Sample.csproj", "--nologo", "-c", RepoPaths.Configuration, "--disable-build-servers", "-tl:off", "-v:minimal" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(static k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

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
}
