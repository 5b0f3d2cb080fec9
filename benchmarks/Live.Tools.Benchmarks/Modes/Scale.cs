using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
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

    /// <summary>Starts the emulator with the rules the sessions use.</summary>
    public static async Task<LiveEmulator> StartEmulatorAsync()
    {
        LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions
        {
            IndentServerFrames = false,
            SendResumptionUpdates = false,
        });
        emulator
            .OnUserText("weather", turn => turn.CallTool("get_weather", new JsonObject { ["location"] = "Tokyo, JP", ["unit"] = "fahrenheit", ["days"] = 3 }))
            .OnToolResponse("get_weather", turn => turn.SayText("It is " + turn.Output.GetProperty("temperature").GetInt32() + " degrees."));
        return emulator;
    }

    /// <summary>The child that hosts the emulator for the client-only measurement: prints its URL, answers "mem", ends at EOF.</summary>
    public static async Task<int> HostEmulatorAsync()
    {
        await using LiveEmulator emulator = await StartEmulatorAsync();
        Console.WriteLine(emulator.BaseUrl);
        Console.WriteLine(emulator.ApiKey);
        Console.WriteLine(emulator.GetWebSocketUrl());
        while (Console.ReadLine() is { } line)
        {
            if (line == "mem")
            {
                (long heap, long workingSet) = Memory();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heap} {workingSet}"));
            }
        }

        return 0;
    }

    /// <param name="sessions">Concurrent sessions.</param>
    /// <param name="rounds">Turns per session while active.</param>
    /// <param name="periodMs">Average time between a session's turns (the offered load is sessions / period).</param>
    /// <param name="emulatorInChild">Host the emulator in a child process, so this process's growth is the client's alone.</param>
    /// <param name="log">Where the table goes.</param>
    public static async Task<int> RunAsync(int sessions, int rounds, int periodMs, bool emulatorInChild, TextWriter log)
    {
        LiveEmulator? emulator = null;
        Process? host = null;
        Client client;
        if (emulatorInChild)
        {
            string processPath = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
            var info = new ProcessStartInfo(processPath) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                info.ArgumentList.Add(typeof(Scale).Assembly.Location);
            }

            info.ArgumentList.Add("--emulator-host");
            host = Process.Start(info) ?? throw new InvalidOperationException("could not start the emulator host");
            Uri baseUrl = new(await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException("no URL"));
            string apiKey = await host.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("no key");
            Uri socketUrl = new(await host.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("no WebSocket URL"));
            client = new Client(new ClientOptions { ApiKey = apiKey, BaseUrl = baseUrl });
            await RawBaselineAsync(socketUrl, apiKey, sessions, log);
        }
        else
        {
            emulator = await StartEmulatorAsync();
            client = emulator.CreateClient();
        }

        try
        {
            return await RunCoreAsync(client, host, sessions, rounds, periodMs, log);
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }

            if (host is not null)
            {
                host.StandardInput.Close();
                await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                host.Dispose();
            }
        }
    }

    /// <summary>
    /// The floor of the WebSocket stack: as many bare <see cref="ClientWebSocket"/>s to the same endpoint, each with a
    /// pending receive into its own 16 KiB buffer (what any client must hold), measured the same way.
    /// </summary>
    private static async Task RawBaselineAsync(Uri socketUrl, string apiKey, int sessions, TextWriter log)
    {
        (long heapBefore, long workingSetBefore) = Memory();
        var sockets = new List<(ClientWebSocket Socket, Task Receive)>();
        using var stop = new CancellationTokenSource();
        using (var gate = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    var socket = new ClientWebSocket();
                    socket.Options.SetRequestHeader("x-goog-api-key", apiKey);
                    await socket.ConnectAsync(socketUrl, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
                    Task receive = socket.ReceiveAsync(new byte[16 * 1024], stop.Token);
                    lock (sockets)
                    {
                        sockets.Add((socket, receive));
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.Delay(500);
        (long heapAfter, long workingSetAfter) = Memory();
        await stop.CancelAsync();
        foreach ((ClientWebSocket socket, Task receive) in sockets)
        {
            try
            {
                await receive.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or TimeoutException)
            {
            }

            socket.Dispose();
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Baseline: {sessions:N0} bare ClientWebSockets with a pending 16 KiB receive: managed heap {(heapAfter - heapBefore) / (double)sessions / 1024:F1} KiB, working set {(workingSetAfter - workingSetBefore) / (double)sessions / 1024:F1} KiB per connection."));
        log.WriteLine();
    }

    private static async Task<(long Heap, long WorkingSet)> HostMemoryAsync(Process host)
    {
        await host.StandardInput.WriteLineAsync("mem");
        string[] parts = (await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? "").Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static async Task<int> RunCoreAsync(Client client, Process? host, int sessions, int rounds, int periodMs, TextWriter log)
    {
        var config = new LiveConnectConfig { Tools = [WeatherBenchTools.LiveTools], ResponseModalities = [Modality.Text] };

        // Warm up one session so code paths are jitted before the baseline.
        await using (Runner warm = await Runner.ConnectAsync(client, config))
        {
            await warm.TurnAsync();
        }

        (long heapBefore, long workingSetBefore) = Memory();
        (long hostHeapBefore, long hostWorkingSetBefore) = host is null ? default : await HostMemoryAsync(host);
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
        (long hostHeapAfter, long hostWorkingSetAfter) = host is null ? default : await HostMemoryAsync(host);

        var times = new double[sessions * rounds];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(runners.Select(async (runner, i) =>
        {
            var random = new Random(i);
            for (int r = 0; r < rounds; r++)
            {
                await Task.Delay(random.Next(0, 2 * periodMs));
                times[(i * rounds) + r] = await runner.TurnAsync();
            }
        }));
        wall.Stop();
        Array.Sort(times);
        foreach (Runner runner in runners)
        {
            await runner.DisposeAsync();
        }

        string where = host is null ? "client + emulator, one process" : "client process only";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scale: {sessions:N0} concurrent sessions, emulator {(host is null ? "in the same process" : "in a child process")}; each session a turn every {periodMs:N0} ms on average."));
        log.WriteLine();
        log.WriteLine("| Measure | Value |");
        log.WriteLine("|---|---:|");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Managed heap per idle session ({where}) | {(heapAfter - heapBefore) / (double)sessions / 1024:F1} KiB |"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Working set per idle session ({where}) | {(workingSetAfter - workingSetBefore) / (double)sessions / 1024:F1} KiB |"));
        if (host is not null)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Emulator process: managed heap / working set per connection | {(hostHeapAfter - hostHeapBefore) / (double)sessions / 1024:F1} / {(hostWorkingSetAfter - hostWorkingSetBefore) / (double)sessions / 1024:F1} KiB |"));
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Turns with a tool call, all sessions active ({rounds} each, ~{sessions * 1000.0 / periodMs:N0}/s offered) | {times.Length:N0} in {wall.Elapsed.TotalSeconds:F1} s |"));
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
