using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Live.Benchmarks.Tools;
using Live.Testing;

namespace Live.Benchmarks.Modes;

/// <summary>
/// Scale: many concurrent sessions against the emulator (Kestrel on 127.0.0.1) in this one process, each running
/// <c>RunWithToolsAsync</c> with the generated tools. Memory per idle session is the growth of the managed heap (after a
/// full GC) and of the working set from before connecting to after every session is connected and idle, divided by the
/// number of sessions: it includes the emulator's server side of each connection. Then every session is active: each
/// plays <c>rounds</c> turns, one every second on average (random start within the second), and a turn is timed from
/// sending the user text to the model's <c>turnComplete</c>: text → toolCall → toolResponse (the tool loop) → text.
/// </summary>
public static class Scale
{
    private const string Model = "gemini-live-2.5-flash-preview";

    public static async Task<int> RunAsync(int sessions, int rounds, TextWriter log)
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions
        {
            IndentServerFrames = false,
            SendResumptionUpdates = false,
        });
        emulator
            .OnUserText("weather", turn => turn.CallTool("get_weather", new JsonObject { ["location"] = "Tokyo, JP", ["unit"] = "fahrenheit", ["days"] = 3 }))
            .OnToolResponse("get_weather", turn => turn.SayText("It is " + turn.Output.GetProperty("temperature").GetInt32() + " degrees."));

        var config = new LiveConnectConfig { Tools = [WeatherBenchTools.LiveTool], ResponseModalities = [Modality.Text] };
        Client client = emulator.CreateClient();

        // Warm up one session so code paths are jitted before the baseline.
        await using (Runner warm = await Runner.ConnectAsync(client, config))
        {
            await warm.TurnAsync();
        }

        (long heapBefore, long workingSetBefore) = Memory();
        var runners = new Runner[sessions];
        using (var gate = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, sessions).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    runners[i] = await Runner.ConnectAsync(client, config);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.Delay(500);
        (long heapAfter, long workingSetAfter) = Memory();

        var times = new double[sessions * rounds];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(runners.Select(async (runner, i) =>
        {
            var random = new Random(i);
            for (int r = 0; r < rounds; r++)
            {
                await Task.Delay(random.Next(0, 1000));
                times[(i * rounds) + r] = await runner.TurnAsync();
            }
        }));
        wall.Stop();
        Array.Sort(times);
        foreach (Runner runner in runners)
        {
            await runner.DisposeAsync();
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Scale: {sessions:N0} concurrent sessions against the emulator in one process."));
        log.WriteLine();
        log.WriteLine("| Measure | Value |");
        log.WriteLine("|---|---:|");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Managed heap per idle session (client + emulator side) | {(heapAfter - heapBefore) / (double)sessions / 1024:F1} KiB |"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Working set per idle session (client + emulator side) | {(workingSetAfter - workingSetBefore) / (double)sessions / 1024:F1} KiB |"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Turns with a tool call, all sessions active ({rounds} each, ~{sessions:N0}/s offered) | {times.Length:N0} in {wall.Elapsed.TotalSeconds:F1} s |"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Turn time p50 / p90 / p99 / max | {RoundTrip.P(times, 50):F2} / {RoundTrip.P(times, 90):F2} / {RoundTrip.P(times, 99):F2} / {times[^1]:F2} ms |"));
        return 0;
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private sealed class Runner : IAsyncDisposable
    {
        private readonly AsyncSession _session;
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;
        private TaskCompletionSource<string> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string _text = "";

        private Runner(AsyncSession session) => _session = session;

        public static async Task<Runner> ConnectAsync(Client client, LiveConnectConfig config)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var runner = new Runner(await client.Live.ConnectAsync(Model, config, timeout.Token));
            runner._loop = runner._session.RunWithToolsAsync(new WeatherBenchTools(), runner.OnMessageAsync, cancellationToken: runner._stop.Token);
            return runner;
        }

        /// <summary>One turn: user text → toolCall → toolResponse → model text; returns its time in ms.</summary>
        public async Task<double> TurnAsync()
        {
            _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _text = "";
            long start = Stopwatch.GetTimestamp();
            await _session.SendClientContentAsync("What is the weather in Tokyo?", turnComplete: true);
            string text = await _turn.Task.WaitAsync(TimeSpan.FromSeconds(60));
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (text != "It is 71 degrees.")
            {
                throw new InvalidOperationException($"Unexpected model text: \"{text}\" (the tool's output did not reach the emulator).");
            }

            return ms;
        }

        private ValueTask OnMessageAsync(LiveServerMessage message, CancellationToken cancellationToken)
        {
            if (message.ServerContent is { } content)
            {
                foreach (Part part in content.ModelTurn?.Parts ?? [])
                {
                    _text += part.Text;
                }

                if (content.TurnComplete == true)
                {
                    _turn.TrySetResult(_text);
                }
            }

            return default;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _loop.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or LiveException)
            {
            }

            await _session.DisposeAsync();
            _stop.Dispose();
        }
    }
}
