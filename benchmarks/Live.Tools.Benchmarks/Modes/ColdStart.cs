using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Live.Benchmarks.Dispatch;
using Live.Benchmarks.Support;
using Live.Benchmarks.Tools;
using Live.Extensions.AI;
using Live.Serialization;
using Live.Tools;

namespace Live.Benchmarks.Modes;

/// <summary>
/// Cold start: each run is a fresh process (this executable with <c>--cold-start-child &lt;approach&gt;</c>) that parses one
/// <c>toolCall</c> frame with the library's receive metadata and answers it with one approach only, so nothing of the
/// other approaches is loaded or jitted. The child reports the time from entering Main to the first response and the
/// dispatch alone (building the tool set or AIFunction + the first call); the parent also times the whole process.
/// </summary>
public static class ColdStart
{
    public static readonly string[] Approaches = ["floor", "generated", "aifunctionfactory", "asaifunctions"];

    private const string Frame = """{"toolCall":{"functionCalls":[{"id":"call-1","name":"get_weather","args":{"location":"Tokyo, JP","unit":"fahrenheit","days":3}}]}}""";

    /// <summary>The child: one approach, one call, then prints "main_ms dispatch_ms base64(response bytes)".</summary>
    public static int Child(string approach, long mainStartTimestamp)
    {
        LiveJsonContext json = LiveJsonContext.Create();
        FunctionCall call = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(Frame), json.LiveServerMessage)!.ToolCall!.FunctionCalls![0];
        long dispatchStart = Stopwatch.GetTimestamp();
        FunctionResponse response = approach switch
        {
            "floor" => HandWritten.InvokeWeather(call),
            "generated" => Sync.Result(((ILiveToolSet)new WeatherBenchTools()).InvokeAsync(call, CancellationToken.None)),
            "aifunctionfactory" => MeaiAdapter.Invoke(
                MeaiAdapter.Create(typeof(WeatherBenchTools), nameof(WeatherBenchTools.GetWeather), new WeatherBenchTools(), "get_weather"), call),
            "asaifunctions" => MeaiAdapter.Invoke(new WeatherBenchTools().AsAIFunctions()[0], call),
            _ => throw new ArgumentException("unknown approach " + approach),
        };
        long end = Stopwatch.GetTimestamp();
        byte[] bytes = Check.ResponseBytes(response);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Stopwatch.GetElapsedTime(mainStartTimestamp, end).TotalMilliseconds:F3} {Stopwatch.GetElapsedTime(dispatchStart, end).TotalMilliseconds:F3} {Convert.ToBase64String(bytes)}"));
        return 0;
    }

    /// <summary>The parent: <paramref name="runs"/> fresh processes per approach, interleaved; prints a table.</summary>
    public static async Task<int> RunAsync(int runs, TextWriter log)
    {
        var main = Approaches.ToDictionary(a => a, _ => new List<double>());
        var dispatch = Approaches.ToDictionary(a => a, _ => new List<double>());
        var process = Approaches.ToDictionary(a => a, _ => new List<double>());
        var outputs = new List<(string, byte[])>();
        for (int run = 0; run < runs; run++)
        {
            foreach (string approach in Approaches)
            {
                var start = Stopwatch.StartNew();
                (string output, int exit) = await RunChildAsync(approach);
                start.Stop();
                string[] parts = output.Trim().Split(' ');
                if (exit != 0 || parts.Length != 3)
                {
                    throw new InvalidOperationException($"cold-start child {approach} failed ({exit}): {output}");
                }

                main[approach].Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
                dispatch[approach].Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
                process[approach].Add(start.Elapsed.TotalMilliseconds);
                if (run == 0)
                {
                    outputs.Add((approach, Convert.FromBase64String(parts[2])));
                }
            }
        }

        Check.SameBytes("cold-start responses", outputs);
        double floorMain = Median(main["floor"]);
        double floorDispatch = Median(dispatch["floor"]);
        log.WriteLine($"Cold start, {runs} fresh processes per approach (medians; min-max in brackets):");
        log.WriteLine();
        log.WriteLine("| Approach | Main → first response (ms) | Ratio | Dispatch only: build + first call (ms) | Ratio | Whole process (ms) |");
        log.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (string approach in Approaches)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {approach} | {Median(main[approach]):F2} [{main[approach].Min():F2}–{main[approach].Max():F2}] | {Median(main[approach]) / floorMain:F2} | {Median(dispatch[approach]):F2} [{dispatch[approach].Min():F2}–{dispatch[approach].Max():F2}] | {Median(dispatch[approach]) / floorDispatch:F2} | {Median(process[approach]):F0} |"));
        }

        return 0;
    }

    private static async Task<(string Output, int Exit)> RunChildAsync(string approach)
    {
        string processPath = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(processPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(ColdStart).Assembly.Location);
        }

        info.ArgumentList.Add("--cold-start-child");
        info.ArgumentList.Add(approach);
        using Process child = Process.Start(info) ?? throw new InvalidOperationException("could not start the child");
        Task<string> stdout = child.StandardOutput.ReadToEndAsync();
        Task<string> stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await child.WaitForExitAsync(timeout.Token);
        string error = await stderr;
        return ((await stdout) + (child.ExitCode != 0 ? error : ""), child.ExitCode);
    }

    internal static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
