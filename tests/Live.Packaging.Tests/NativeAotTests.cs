using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Live.Packaging.Tests;

/// <summary>
/// <c>dotnet publish -c Release -p:PublishAot=true samples/WeatherTools</c> succeeds with no trim or AOT warning, and the
/// native binary runs the tool round trip against the emulator (Kestrel included). Needs clang and zlib1g-dev, which
/// <c>.ci/run</c> installs.
/// </summary>
[Collection(SdkBuildCollection.Name)]
public sealed partial class NativeAotTests(ITestOutputHelper log)
{
    [GeneratedRegex(@"warning (IL\d+|AOT)", RegexOptions.CultureInvariant)]
    private static partial Regex TrimOrAotWarning();

    [Fact]
    public async Task WeatherTools_publishes_with_Native_AOT_without_warnings_and_the_binary_runs_offline()
    {
        using var temp = new TempDirectory("live-aot");
        string output = temp.Combine("publish");

        // The README's command, with the build's intermediate files in the temporary folder (--artifacts-path) and
        // the published app there too (-o), so the repository's bin/ and obj/ are not touched.
        ChildResult publish = await ChildProcess.RunAsync(
            ChildProcess.DotNet,
            ["publish", "-c", "Release", "-p:PublishAot=true", RepositoryPaths.Combine("samples", "WeatherTools"),
                "-o", output, "--artifacts-path", temp.Combine("artifacts"), "--disable-build-servers"],
            RepositoryPaths.Root,
            TimeSpan.FromMinutes(10));
        log.WriteLine($"dotnet publish -p:PublishAot=true: exit code {publish.ExitCode}, {publish.Elapsed.TotalSeconds:0.0} s");

        string[] warnings = publish.Lines.Where(l => TrimOrAotWarning().IsMatch(l)).Distinct().ToArray();
        Assert.True(warnings.Length == 0, $"{warnings.Length} trim/AOT warning(s):\n{string.Join('\n', warnings)}");
        Assert.True(publish.ExitCode == 0, "The Native AOT publish failed:\n" + publish.Tail());

        string binary = Path.Combine(output, OperatingSystem.IsWindows() ? "WeatherTools.exe" : "WeatherTools");
        Assert.True(File.Exists(binary), binary + " was not published.");
        Assert.False(File.Exists(Path.Combine(output, "WeatherTools.dll")), "The output holds WeatherTools.dll: this is not a native publish.");
        log.WriteLine($"native binary: {new FileInfo(binary).Length:N0} bytes");

        ChildResult run = await ChildProcess.RunAsync(binary, [], output, TimeSpan.FromSeconds(60));
        log.WriteLine($"native run: exit code {run.ExitCode}, {run.Elapsed.TotalSeconds:0.00} s");
        log.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, "The native WeatherTools failed:\n" + run.Tail());
        Assert.Equal("Live.Tools WeatherTools sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)", run.Lines[0]);
        Assert.Contains(run.Lines, l => l.StartsWith("tool   › get_weather({\"location\":\"Tokyo\"})", StringComparison.Ordinal));
        Assert.Contains("result › {\"output\":{\"location\":\"Tokyo\",\"temperature\":18.5,\"unit\":\"celsius\",\"conditions\":\"light rain\"}}", run.Lines);
        Assert.Contains("model  › In Tokyo it is 18.5 °C with light rain right now.", run.Lines);
    }

    [Fact]
    public async Task HostedTools_with_DI_and_the_MEAI_adapter_publishes_with_Native_AOT_without_warnings_and_runs_offline()
    {
        using var temp = new TempDirectory("live-aot-hosted");
        string output = temp.Combine("publish");
        ChildResult publish = await ChildProcess.RunAsync(
            ChildProcess.DotNet,
            ["publish", "-c", "Release", "-p:PublishAot=true", RepositoryPaths.Combine("samples", "HostedTools"),
                "-o", output, "--artifacts-path", temp.Combine("artifacts"), "--disable-build-servers"],
            RepositoryPaths.Root,
            TimeSpan.FromMinutes(10));
        log.WriteLine($"dotnet publish -p:PublishAot=true (HostedTools): exit code {publish.ExitCode}, {publish.Elapsed.TotalSeconds:0.0} s");

        string[] warnings = publish.Lines.Where(l => TrimOrAotWarning().IsMatch(l)).Distinct().ToArray();
        Assert.True(warnings.Length == 0, $"{warnings.Length} trim/AOT warning(s):\n{string.Join('\n', warnings)}");
        Assert.True(publish.ExitCode == 0, "The Native AOT publish failed:\n" + publish.Tail());

        string binary = Path.Combine(output, OperatingSystem.IsWindows() ? "HostedTools.exe" : "HostedTools");
        Assert.True(File.Exists(binary), binary + " was not published.");
        Assert.False(File.Exists(Path.Combine(output, "HostedTools.dll")), "The output holds HostedTools.dll: this is not a native publish.");

        ChildResult run = await ChildProcess.RunAsync(binary, [], output, TimeSpan.FromSeconds(60));
        log.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, "The native HostedTools failed:\n" + run.Tail());
        Assert.Equal("Live.Tools HostedTools sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)", run.Lines[0]);
        SampleTests.AssertHostedToolsRun(run.Lines);
    }
}
