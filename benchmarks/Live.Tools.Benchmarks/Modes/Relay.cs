using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Live.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Live.Benchmarks.Modes;

/// <summary>
/// The browser relay (MapLiveRelay) on loopback, against a direct connection in the same run:
/// (1) latency per audio frame, one frame in flight, from the sender's send to the Live socket's receipt, timed with
/// <see cref="Stopwatch"/> in one process: direct = <c>AsyncSession.SendAudioAsync</c> → Live socket; relayed = a page's
/// <see cref="ClientWebSocket"/> → relay → server-side <c>AsyncSession</c> → Live socket;
/// (2) process CPU time per frame in both paths (sender, relay and the Live socket's server all in this process, so the
/// difference is the relay's cost); (3) sessions per process: N pages streaming 40 ms frames in real time through the
/// relay at once, with the managed heap and working set per session.
/// </summary>
public static class Relay
{
    private const int FrameBytes = 1_280; // 40 ms of 16 kHz 16-bit mono, the sample page's frame

    public static async Task<int> RunAsync(int frames, int sessions, int seconds, TextWriter log)
    {
        await using var live = await FakeLive.StartAsync();
        await using var relay = await RelayApp.StartAsync(live.BaseUrl);

        (double[] direct, double directCpu) = await MeasureDirectAsync(live, frames, warmup: Math.Min(500, frames / 4));
        (double[] relayed, double relayedCpu) = await MeasureRelayedAsync(live, relay, frames, warmup: Math.Min(500, frames / 4));

        log.WriteLine($"Relay latency per audio frame over loopback ({FrameBytes:N0}-byte frames = 40 ms of 16 kHz PCM), {frames:N0} frames each after warm-up, one in flight (µs):");
        log.WriteLine();
        log.WriteLine("| Path | p50 | p90 | p99 | p99.9 | max | CPU per frame (µs, whole process) |");
        log.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        log.WriteLine(Row("Direct: AsyncSession.SendAudioAsync → Live socket", direct, directCpu));
        log.WriteLine(Row("Relayed: page socket → MapLiveRelay → AsyncSession → Live socket", relayed, relayedCpu));
        log.WriteLine();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Added by the relay: p50 {RoundTrip.P(relayed, 50) - RoundTrip.P(direct, 50):F1} µs, p99 {RoundTrip.P(relayed, 99) - RoundTrip.P(direct, 99):F1} µs; CPU {relayedCpu - directCpu:F1} µs per frame."));
        log.WriteLine();

        if (sessions > 0)
        {
            log.WriteLine($"Sessions per process: {sessions:N0} sessions at once, each streaming 40 ms frames in real time for {seconds} s; everything (senders, relay, fake Live server) shares this process, so the relayed row minus the direct row is the relay's share:");
            log.WriteLine();
            log.WriteLine("| Path | Sessions | Frames delivered to Live / due | Sends slower than 40 ms | CPU (cores, whole process) | Managed heap per session | Working set per session |");
            log.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            await MeasureSessionsAsync("Direct AsyncSession", live, sessions, seconds, log, async () =>
            {
                var client = new Client(new ClientOptions { ApiKey = "BENCH_KEY", BaseUrl = live.BaseUrl });
                AsyncSession session = await client.Live.ConnectAsync("bench-model");
                return (frame => session.SendAudioAsync(frame), async () => await session.DisposeAsync());
            });
            await MeasureSessionsAsync("Page → relay → AsyncSession", live, sessions, seconds, log, async () =>
            {
                var page = new ClientWebSocket();
                await page.ConnectAsync(relay.RelayUrl, CancellationToken.None);
                _ = DrainAsync(page);
                return (frame => page.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None), async () =>
                {
                    try
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                        await page.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                    }
                    catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                    {
                        // Closing anyway.
                    }

                    page.Dispose();
                });
            });
            log.WriteLine();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The relay's memory per session is bounded by design: one pooled receive buffer of MaxIncomingMessageBytes ({LiveRelayOptions.DefaultMaxIncomingMessageBytes / 1024} KiB) and at most MaxPendingMessagesToPage ({LiveRelayOptions.DefaultMaxPendingMessagesToPage}) messages queued toward the page."));
        }

        return 0;
    }

    private static string Row(string name, double[] sorted, double cpu) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {RoundTrip.P(sorted, 50):F1} | {RoundTrip.P(sorted, 90):F1} | {RoundTrip.P(sorted, 99):F1} | {RoundTrip.P(sorted, 99.9):F1} | {sorted[^1]:F1} | {cpu:F1} |");

    private static byte[] Frame(int index)
    {
        byte[] frame = new byte[FrameBytes];
        BitConverter.TryWriteBytes(frame, index);
        frame[4] = 0x5A; // a marker the fake Live server checks
        return frame;
    }

    private static async Task<(double[] Latencies, double CpuPerFrame)> MeasureDirectAsync(FakeLive live, int frames, int warmup)
    {
        var client = new Client(new ClientOptions { ApiKey = "BENCH_KEY", BaseUrl = live.BaseUrl });
        await using AsyncSession session = await client.Live.ConnectAsync("bench-model");
        return await MeasureAsync(live, frames, warmup, (frame, _) => session.SendAudioAsync(frame));
    }

    private static async Task<(double[] Latencies, double CpuPerFrame)> MeasureRelayedAsync(FakeLive live, RelayApp relay, int frames, int warmup)
    {
        using var page = new ClientWebSocket();
        await page.ConnectAsync(relay.RelayUrl, CancellationToken.None);
        byte[] ready = new byte[4096];
        await page.ReceiveAsync(ready, CancellationToken.None); // {"type":"ready",…}
        return await MeasureAsync(live, frames, warmup, (frame, _) => page.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None));
    }

    private static async Task<(double[] Latencies, double CpuPerFrame)> MeasureAsync(FakeLive live, int frames, int warmup, Func<byte[], int, Task> send)
    {
        var latencies = new double[frames];
        byte[][] payloads = [.. Enumerable.Range(0, frames + warmup).Select(Frame)];
        TimeSpan cpuStart = TimeSpan.Zero;
        for (int i = 0; i < frames + warmup; i++)
        {
            if (i == warmup)
            {
                GC.Collect();
                cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            }

            Task<long> arrived = live.Expect(i);
            live.Forget(i - 1);
            long sent = Stopwatch.GetTimestamp();
            await send(payloads[i], i);
            long received = await arrived.WaitAsync(TimeSpan.FromSeconds(10));
            if (i >= warmup)
            {
                latencies[i - warmup] = Stopwatch.GetElapsedTime(sent, received).TotalMicroseconds;
            }
        }

        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMicroseconds / frames;
        live.Forget(frames + warmup - 1);
        Array.Sort(latencies);
        return (latencies, cpu);
    }

    private static async Task MeasureSessionsAsync(
        string name, FakeLive live, int sessions, int seconds, TextWriter log,
        Func<Task<(Func<byte[], Task> Send, Func<Task> Close)>> open)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
        long framesBefore = live.AudioFrames;

        var opened = new List<(Func<byte[], Task> Send, Func<Task> Close)>(sessions);
        for (int i = 0; i < sessions; i++)
        {
            opened.Add(await open());
        }

        TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        byte[] frame = Frame(-1);
        long late = 0;
        await Task.WhenAll(opened.Select(async session =>
        {
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(40));
            try
            {
                while (await pace.WaitForNextTickAsync(stop.Token))
                {
                    long t = Stopwatch.GetTimestamp();
                    await session.Send(frame);
                    if (Stopwatch.GetElapsedTime(t).TotalMilliseconds > 40)
                    {
                        Interlocked.Increment(ref late);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The run is over.
            }
        }));
        double elapsed = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        await Task.Delay(500);
        long delivered = live.AudioFrames - framesBefore;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heapDuring = GC.GetTotalMemory(forceFullCollection: true);
        long workingSetDuring = Process.GetCurrentProcess().WorkingSet64;
        long due = (long)(sessions * elapsed / 0.040);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sessions:N0} | {delivered:N0} / {due:N0} | {late:N0} | {cpuSeconds / elapsed:F2} | {(heapDuring - heapBefore) / 1024.0 / sessions:F1} KiB | {(workingSetDuring - workingSetBefore) / 1024.0 / sessions:F1} KiB |"));

        foreach ((_, Func<Task> close) in opened)
        {
            await close();
        }

        await Task.Delay(1_000);
    }

    private static async Task DrainAsync(ClientWebSocket page)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            while (page.State == WebSocketState.Open)
            {
                ValueWebSocketReceiveResult result = await page.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // The page was closed.
        }
    }

    /// <summary>The relay: an ASP.NET Core app with MapLiveRelay, its Live client pointed at the fake Live server.</summary>
    private sealed class RelayApp : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private RelayApp(WebApplication app, Uri relayUrl)
        {
            _app = app;
            RelayUrl = relayUrl;
        }

        public Uri RelayUrl { get; }

        public static async Task<RelayApp> StartAsync(Uri liveBaseUrl)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            WebApplication app = builder.Build();
            app.MapLiveRelay("/live", options =>
            {
                options.Model = "bench-model";
                options.Client = new Client(new ClientOptions { ApiKey = "BENCH_KEY", BaseUrl = liveBaseUrl });
            });
            await app.StartAsync();
            return new RelayApp(app, new Uri(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/live"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// The Live socket's server side: answers setup with setupComplete and timestamps every realtime audio frame on
    /// arrival (reading the frame's index from the first bytes of its base64 data). No model, no validation: only the
    /// socket, so the measurement is the path to it.
    /// </summary>
    private sealed class FakeLive : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> _expected = new();
        private long _audioFrames;

        private FakeLive(WebApplication app, Uri baseUrl)
        {
            _app = app;
            BaseUrl = baseUrl;
        }

        public Uri BaseUrl { get; }

        public long AudioFrames => Interlocked.Read(ref _audioFrames);

        public void Forget(int index) => _expected.TryRemove(index, out _);

        public Task<long> Expect(int index) =>
            _expected.GetOrAdd(index, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public static async Task<FakeLive> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            WebApplication app = builder.Build();
            FakeLive? live = null;
            app.UseWebSockets();
            app.Run(context => live!.ServeAsync(context));
            await app.StartAsync();
            live = new FakeLive(app, new Uri(app.Urls.First() + "/"));
            return live;
        }

        private async Task ServeAsync(HttpContext context)
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            byte[] buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    int length = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(length), context.RequestAborted);
                        length += result.Count;
                    }
                    while (!result.EndOfMessage);

                    long now = Stopwatch.GetTimestamp();
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        return;
                    }

                    ReadOnlySpan<byte> message = buffer.AsSpan(0, length);
                    if (message.IndexOf("\"setup\""u8) >= 0)
                    {
                        await socket.SendAsync("""{"setupComplete":{}}"""u8.ToArray(), WebSocketMessageType.Text, true, context.RequestAborted);
                        continue;
                    }

                    int data = message.IndexOf("\"data\":\""u8);
                    if (data >= 0)
                    {
                        Interlocked.Increment(ref _audioFrames);
                        byte[] head = Convert.FromBase64String(Encoding.ASCII.GetString(message.Slice(data + 8, 8)));
                        int index = BitConverter.ToInt32(head, 0);
                        if (head[4] == 0x5A && index >= 0)
                        {
                            _expected.GetOrAdd(index, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The client went away.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
