using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Live.Testing.Tests.Conformance;

/// <summary>
/// Installs the official JavaScript client with <c>npm ci</c> into the driver folder (once per lockfile: later runs
/// reuse node_modules) and runs the driver with bounded time.
/// </summary>
internal static class NodeDriver
{
    private const string PinnedVersion = "3.1.0";
    private static readonly TimeSpan s_installTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim s_installLock = new(1, 1);
    private static bool s_installed;

    // Variables the SDK reads; removed so the run is hermetic.
    private static readonly string[] s_sdkVariables =
    [
        "GOOGLE_API_KEY", "GEMINI_API_KEY", "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_ENTERPRISE", "GOOGLE_CLOUD_PROJECT",
        "GOOGLE_CLOUD_LOCATION", "GOOGLE_GEMINI_BASE_URL", "GOOGLE_VERTEX_BASE_URL", "GOOGLE_GENAI_API_VERSION",
        "GOOGLE_APPLICATION_CREDENTIALS",
    ];

    public static async Task EnsureInstalledAsync()
    {
        await s_installLock.WaitAsync();
        try
        {
            if (s_installed)
            {
                return;
            }

            string folder = RepositoryPaths.ConformanceDriver;
            string stamp = Path.Combine(folder, "node_modules", ".live-testing-install");
            string expected = InstallFingerprint(folder);
            string sdkManifest = Path.Combine(folder, "node_modules", "@google", "genai", "package.json");
            bool current = File.Exists(stamp) && File.ReadAllText(stamp) == expected && File.Exists(sdkManifest)
                && JsonDocument.Parse(File.ReadAllText(sdkManifest)).RootElement.GetProperty("version").GetString() == PinnedVersion;
            if (!current)
            {
                Result install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, s_installTimeout);
                Assert.True(
                    install.ExitCode == 0,
                    $"npm ci failed with exit code {install.ExitCode} in {folder}:{Environment.NewLine}{install.Output}{Environment.NewLine}{install.Errors}");
                File.WriteAllText(stamp, expected);
            }

            string version = JsonDocument.Parse(File.ReadAllText(sdkManifest)).RootElement.GetProperty("version").GetString()!;
            Assert.Equal(PinnedVersion, version);
            s_installed = true;
        }
        finally
        {
            s_installLock.Release();
        }
    }

    /// <summary>Runs the driver for a scenario against the emulator and parses the JSON lines it prints.</summary>
    public static async Task<DriverRun> RunScenarioAsync(LiveEmulator emulator, string scenario, TimeSpan timeout)
    {
        await EnsureInstalledAsync();
        string baseUrl = emulator.BaseUrl.GetLeftPart(UriPartial.Authority);
        Result result = await RunAsync(
            "node",
            ["driver.js", "--scenario", scenario, "--base-url", baseUrl, "--key", emulator.ApiKey, "--timeout-ms", ((int)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            RepositoryPaths.ConformanceDriver,
            timeout + TimeSpan.FromSeconds(15));
        var events = new List<JsonElement>();
        foreach (string line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('{'))
            {
                events.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return new DriverRun(result.ExitCode, events, result.Output, result.Errors);
    }

    private static string InstallFingerprint(string folder)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(
            File.ReadAllText(Path.Combine(folder, "package.json")) + "\0" + File.ReadAllText(Path.Combine(folder, "package-lock.json"))));
        return Convert.ToHexString(hash);
    }

    private static async Task<Result> RunAsync(string fileName, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string variable in s_sdkVariables)
        {
            start.Environment.Remove(variable);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"The conformance test needs Node.js and npm ('{fileName}' could not be started: {exception.Message}). "
                + "Install them (Debian: apt-get install nodejs npm; .ci/run does this) and run the tests again.",
                exception);
        }

        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new TimeoutException(
                    $"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds} s.{Environment.NewLine}{await output}{Environment.NewLine}{await errors}");
            }

            return new Result(process.ExitCode, await output, await errors);
        }
    }

    private sealed record Result(int ExitCode, string Output, string Errors);
}

/// <summary>What the driver printed.</summary>
internal sealed record DriverRun(int ExitCode, IReadOnlyList<JsonElement> Events, string Output, string Errors)
{
    public JsonElement Single(string name)
    {
        JsonElement[] found = Events.Where(e => e.GetProperty("event").GetString() == name).ToArray();
        Assert.True(found.Length == 1, $"expected one '{name}' event, found {found.Length}. Driver output:{Environment.NewLine}{Output}{Environment.NewLine}{Errors}");
        return found[0];
    }

    public IEnumerable<string> Names => Events.Select(e => e.GetProperty("event").GetString()!);

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Environment.NewLine}{Errors}";
}
