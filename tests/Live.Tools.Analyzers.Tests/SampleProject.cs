using System.Diagnostics;
using System.Text;

namespace Live.Tools.Analyzers.Tests;

/// <summary>
/// A throwaway project in a temporary folder that references Live.Tools.Abstractions and the generator (built by this
/// test project already), kept apart from the repository's build settings, and built with a real <c>dotnet build</c>.
/// </summary>
internal sealed class SampleProject : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    public SampleProject(string prefix, string extraProperties = "")
    {
        Directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);

        // Keep the repository's build settings (warnings as errors, central packages, analyzers) out of the sample.
        Write("Directory.Build.props", "<Project />\n");
        Write("Directory.Build.targets", "<Project />\n");
        Write("Directory.Packages.props", "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        File.Copy(RepoPaths.Combine("global.json"), Path.Combine(Directory, "global.json"));

        string abstractions = RepoPaths.Combine("src", "Live.Tools.Abstractions", "Live.Tools.Abstractions.csproj");
        string generator = RepoPaths.Combine("src", "Live.Tools.Generator", "Live.Tools.Generator.csproj");
        Write("Sample.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <!-- The test project already built these in this configuration; do not rebuild them from here. -->
                <BuildProjectReferences>false</BuildProjectReferences>{extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{abstractions}" />
                <ProjectReference Include="{generator}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>The project's folder.</summary>
    public string Directory { get; }

    /// <summary>Writes a file of the project.</summary>
    public void Write(string name, string text) => File.WriteAllText(Path.Combine(Directory, name), text);

    /// <summary>Builds the project; returns the exit code and the build's output (standard output and error, in order).</summary>
    public async Task<(int ExitCode, string Output)> BuildAsync()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(!string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "build", "Sample.csproj", "--nologo", "-c", RepoPaths.Configuration, "--disable-build-servers", "-tl:off", "-v:minimal" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host may run under MSBuild; its variables must not steer the child build.
        foreach (string name in start.Environment.Keys.Where(static k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
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

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
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
