using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Live.Benchmarks.Support;
using Live.Benchmarks.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Live.Benchmarks.Modes;

/// <summary>
/// Round trip over a real loopback WebSocket (Kestrel on 127.0.0.1), one message in flight, timed on the server with
/// <see cref="Stopwatch"/> from sending a <c>toolCall</c> frame to having the whole answer: (a) a raw
/// <see cref="ClientWebSocket"/> that echoes the frame back, (b) the library: <c>RunWithToolsAsync</c> with the generated
/// tool set answering with a <c>toolResponse</c>.
/// </summary>
public static class RoundTrip
{
    private const string ExpectedOutput = """{"output":{"location":"Tokyo, JP","temperature":71,"unit":"fahrenheit"}}""";

    public static async Task<int> RunAsync(int roundTrips, int warmup, TextWriter log)
    {
        await using Server server = await Server.StartAsync();
        double[] raw = await server.MeasureAsync("raw", roundTrips, warmup, RawEchoClientAsync);
        double[] library = await server.MeasureAsync("library", roundTrips, warmup, LibraryClientAsync);
        log.WriteLine($"Round trip over loopback, {roundTrips:N0} round trips each after {warmup:N0} warm-up, one in flight (µs):");
        log.WriteLine();
        log.WriteLine("| Client | Frame sizes (in / out, bytes) | p50 | p90 | p99 | p99.9 | max |");
        log.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        log.WriteLine(Row("Raw ClientWebSocket echo", $"{server.CallSize} / {server.CallSize}", raw));
        log.WriteLine(Row("RunWithToolsAsync (generated tools)", $"{server.CallSize} / {server.LibraryResponseSize}", library));
        log.WriteLine();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p50 difference: {P(library, 50) - P(raw, 50):F1} µs; p99 ratio: {P(library, 99) / P(raw, 99):F2}"));
        return 0;
    }

    private static string Row(string name, string sizes, double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {sizes} | {P(sorted, 50):F1} | {P(sorted, 90):F1} | {P(sorted, 99):F1} | {P(sorted, 99.9):F1} | {sorted[^1]:F1} |");

    internal static double P(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task RawEchoClientAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{baseUrl.Authority}/raw"), cancellationToken);
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, length), WebSocketMessageType.Text, true, cancellationToken);
        }
    }

    private static async Task LibraryClientAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        var client = new Client(new ClientOptions { ApiKey = "BENCH_KEY", BaseUrl = baseUrl });
        await using AsyncSession session = await client.Live.ConnectAsync(
            "gemini-live-2.5-flash-preview", new LiveConnectConfig { Tools = [WeatherBenchTools.LiveTools] }, cancellationToken);
        try
        {
            await session.RunWithToolsAsync(new WeatherBenchTools(), cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private sealed class Server : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private TaskCompletionSource<WebSocket> _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Server(WebApplication app) => _app = app;

        public Uri BaseUrl { get; private set; } = null!;

        public int CallSize { get; private set; }

        public int LibraryResponseSize { get; private set; }

        public static async Task<Server> StartAsync()
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            WebApplication app = builder.Build();
            var server = new Server(app);
            app.UseWebSockets();
            app.Run(async context =>
            {
                if (!context.WebSockets.IsWebSocketRequest)
                {
                    context.Response.StatusCode = 400;
                    return;
                }

                WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
                server._accepted.TrySetResult(socket);
                await server._release.Task;
            });
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
            return server;
        }

        /// <summary>Runs one client and times <paramref name="count"/> round trips; returns them sorted, in µs.</summary>
        public async Task<double[]> MeasureAsync(string kind, int count, int warmup, Func<Uri, CancellationToken, Task> runClient)
        {
            _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            Task clientTask = Task.Run(() => runClient(BaseUrl, stop.Token));
            WebSocket socket = await _accepted.Task.WaitAsync(TimeSpan.FromSeconds(30));
            byte[] buffer = new byte[64 * 1024];
            if (kind == "library")
            {
                await ReceiveAsync(socket, buffer, stop.Token); // setup
                await socket.SendAsync("""{"setupComplete":{}}"""u8.ToArray(), WebSocketMessageType.Text, true, stop.Token);
            }

            double[] times = new double[count];
            for (int i = 0; i < warmup + count; i++)
            {
                byte[] frame = Encoding.UTF8.GetBytes(
                    $$$"""{"toolCall":{"functionCalls":[{"id":"c{{{i:D7}}}","name":"get_weather","args":{"location":"Tokyo, JP","unit":"fahrenheit","days":3}}]}}""");
                CallSize = frame.Length;
                long start = Stopwatch.GetTimestamp();
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, stop.Token);
                int length = await ReceiveAsync(socket, buffer, stop.Token);
                long end = Stopwatch.GetTimestamp();
                if (i >= warmup)
                {
                    times[i - warmup] = Stopwatch.GetElapsedTime(start, end).TotalMicroseconds;
                }

                if (i == 0 || i == warmup + count - 1)
                {
                    CheckAnswer(kind, frame, buffer.AsSpan(0, length), $"c{i:D7}");
                }
            }

            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            _release.TrySetResult();
            await stop.CancelAsync();
            try
            {
                await clientTask.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or TimeoutException or LiveException)
            {
            }

            Array.Sort(times);
            return times;
        }

        private void CheckAnswer(string kind, byte[] sent, ReadOnlySpan<byte> answer, string id)
        {
            if (kind == "raw")
            {
                Check.SameBytes("raw echo", [("sent", sent), ("echoed", answer.ToArray())]);
                return;
            }

            LibraryResponseSize = answer.Length;
            using JsonDocument document = JsonDocument.Parse(answer.ToArray());
            JsonElement response = document.RootElement.GetProperty("toolResponse").GetProperty("functionResponses")[0];
            Check.SameBytes("toolResponse id", [("expected", Encoding.UTF8.GetBytes(id)), ("sent", Encoding.UTF8.GetBytes(response.GetProperty("id").GetString()!))]);
            Check.SameBytes("toolResponse response", [
                ("expected (generated output)", Encoding.UTF8.GetBytes(ExpectedOutput)),
                ("sent", JsonMarshal.GetRawUtf8Value(response.GetProperty("response")).ToArray()),
            ]);
        }

        private static async Task<int> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The client closed the connection.");
            }

            return length;
        }

        public async ValueTask DisposeAsync()
        {
            _release.TrySetResult();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
