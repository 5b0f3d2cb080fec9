using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Live.Benchmarks.Tools;
using Live.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Live.Benchmarks.Modes;

/// <summary>
/// <c>--peer</c>: the library against the official JavaScript SDK on the same loopback wire. Every party is its own process:
/// a loopback Live server (this executable, <c>--peer-server</c>), the library's clients (<c>--peer-client cs|cspooled|cstools</c>:
/// <c>ReceiveAsync</c> + <c>SendToolResponseAsync</c> by hand, the same with <c>ReceivePooledAsync</c>, and
/// <c>RunWithToolsAsync</c> with a generated tool) and,
/// when <c>node</c> and <c>peer-node/node_modules</c> (<c>npm ci</c> there) are present, <c>peer-node/client.mjs</c> with
/// <c>@google/genai</c>. Each client, in a fresh process: connects (first connect, timed in the client), answers tool calls
/// one at a time (round trip timed by the server, client CPU per round trip), receives audio messages (client CPU per
/// message, the audio decoded), sends audio frames (client CPU per frame, until the server counted them all).
/// </summary>
public static class Peer
{
    private const string Model = "gemini-live-2.5-flash-preview";
    private const int PcmBytes = 3200;
    private const int Variants = 16;

    /// <summary>Counts of one run: warm-up and measured, per phase.</summary>
    public sealed record Counts(int RttWarmup, int Rtt, int RecvWarmup, int Recv, int SendWarmup, int Send)
    {
        public static Counts Default => new(5_000, 10_000, 5_000, 30_000, 5_000, 30_000);

        public static Counts Smoke => new(20, 50, 20, 100, 20, 100);

        public string Command(string phase) => phase switch
        {
            "rtt" => $"bench rtt warmup={RttWarmup} n={Rtt}",
            "recv" => $"bench recv warmup={RecvWarmup} n={Recv}",
            _ => $"bench send warmup={SendWarmup} n={Send}",
        };
    }

    /// <summary>Runs every client in turn against one server process and prints the table.</summary>
    public static async Task<int> RunAsync(Counts counts, bool includeNode, TextWriter log)
    {
        using Process server = StartSelf(["--peer-server"]);
        string? first = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        int port = JsonNode.Parse(first ?? throw new InvalidOperationException("the peer server did not start"))!["port"]!.GetValue<int>();
        var serverLines = Channel.CreateUnbounded<JsonNode>();
        _ = Task.Run(async () =>
        {
            while (await server.StandardOutput.ReadLineAsync() is { } line)
            {
                serverLines.Writer.TryWrite(JsonNode.Parse(line)!);
            }
        });

        string? nodeScript = includeNode ? FindNodeClient() : null;
        var clients = new List<(string Label, string Title)>
        {
            ("cs", "Live.Tools manual"), ("cspooled", "Live.Tools manual, pooled"), ("cstools", "Live.Tools RunWithToolsAsync"),
        };
        if (nodeScript is not null)
        {
            clients.Insert(0, ("sdk", "Node @google/genai"));
        }

        var results = new List<(string Title, JsonNode Client, JsonNode Rtt, double Load)>();
        try
        {
            // An unrecorded first client, so the server is warm for whichever comes first.
            await RunClientAsync("cs", "warm", port, counts with { Rtt = counts.RttWarmup, Recv = counts.RecvWarmup, Send = counts.SendWarmup }, nodeScript);
            await serverLines.Reader.ReadAsync();
            foreach ((string label, string title) in clients)
            {
                double load = LoadAverage();
                JsonNode client = await RunClientAsync(label, label, port, counts, nodeScript);
                JsonNode rtt = await serverLines.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                results.Add((title, client, rtt, load));
            }
        }
        finally
        {
            try
            {
                server.Kill();
            }
            catch (InvalidOperationException)
            {
            }
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Peer run: {Environment.ProcessorCount} CPU(s) usable, .NET {Environment.Version}, round trips {counts.Rtt:N0} (+{counts.RttWarmup:N0} warm-up), audio messages {counts.Recv:N0}, frames sent {counts.Send:N0}{(nodeScript is null ? "; Node client not found (see peer-node/README.md)" : "")}."));
        log.WriteLine();
        log.WriteLine("| | " + string.Join(" | ", results.Select(r => r.Title)) + " |");
        log.WriteLine("|---|" + string.Concat(results.Select(_ => "--:|")));
        Row(log, "tool round trip p50 (µs)", results, r => r.Rtt["p50"]);
        Row(log, "tool round trip p99.9 (µs)", results, r => r.Rtt["p999"]);
        Row(log, "client CPU per round trip (µs)", results, r => r.Client["rttCpuUs"]);
        Row(log, "receive: client CPU per 4.3 KB audio message (µs)", results, r => r.Client["recvCpuUs"]);
        Row(log, "send: client CPU per audio frame (µs)", results, r => r.Client["sendCpuUs"]);
        Row(log, "send: peak RSS (MiB)", results, r => r.Client["peakRssMiB"]);
        Row(log, "first connect in a fresh process (ms)", results, r => r.Client["connectMs"]);
        Row(log, "Node only: loading the SDK's modules before the connect (ms)", results, r => r.Client["importMs"]);
        Row(log, "1-min load average before the client", results, r => r.Load);
        return 0;
    }

    private static void Row(TextWriter log, string name, List<(string Title, JsonNode Client, JsonNode Rtt, double Load)> results, Func<(string Title, JsonNode Client, JsonNode Rtt, double Load), JsonNode?> pick) =>
        log.WriteLine($"| {name} | " + string.Join(" | ", results.Select(r => pick(r)?.GetValue<double>().ToString(pick(r)!.GetValue<double>() >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture) ?? "–")) + " |");

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    private static async Task<JsonNode> RunClientAsync(string kind, string label, int port, Counts c, string? nodeScript)
    {
        string[] args = ["--port", port.ToString(CultureInfo.InvariantCulture), "--label", label, "--counts",
            string.Join(',', c.RttWarmup, c.Rtt, c.RecvWarmup, c.Recv, c.SendWarmup, c.Send)];
        using Process process = kind == "sdk"
            ? Start("node", [nodeScript!, .. args])
            : StartSelf(["--peer-client", kind, .. args]);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync();
        string? line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"peer client {label} failed ({process.ExitCode}): {output} {await stderr}");
        }

        return JsonNode.Parse(line)!;
    }

    private static string? FindNodeClient()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string script = Path.Combine(dir.FullName, "peer-node", "client.mjs");
            if (File.Exists(script) && Directory.Exists(Path.Combine(dir.FullName, "peer-node", "node_modules", "@google", "genai")))
            {
                try
                {
                    using Process probe = Start("node", ["--version"]);
                    probe.WaitForExit(10_000);
                    return probe.ExitCode == 0 ? script : null;
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static Process StartSelf(string[] args)
    {
        // This executable itself, or (in a test host) the dotnet host with this assembly.
        string path = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        string self = Path.GetFileNameWithoutExtension(typeof(Peer).Assembly.Location);
        if (Path.GetFileNameWithoutExtension(path).Equals(self, StringComparison.OrdinalIgnoreCase))
        {
            return Start(path, args);
        }

        string host = Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path : "dotnet";
        return Start(host, [typeof(Peer).Assembly.Location, .. args]);
    }

    private static Process Start(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
    }

    internal static byte[] MakePcm(int variant)
    {
        // Deterministic 16-bit PCM: a 440 Hz tone with a little noise.
        byte[] pcm = new byte[PcmBytes];
        uint state = 0x2545F491u ^ (uint)(variant * 7919);
        for (int i = 0; i < PcmBytes / 2; i++)
        {
            state = (state * 1103515245u) + 12345u;
            double tone = 8000 * Math.Sin(2 * Math.PI * 440 * (i + (variant * 1600)) / 16000.0);
            short sample = (short)Math.Clamp((int)tone + (int)((state >> 16) & 0x3ff) - 512, short.MinValue, short.MaxValue);
            pcm[i * 2] = (byte)sample;
            pcm[(i * 2) + 1] = (byte)(sample >> 8);
        }

        return pcm;
    }

    private static Dictionary<string, int> ParseCommand(string text, out string phase)
    {
        string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        phase = parts[1];
        return parts.Skip(2).Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
    }

    // ---- the server (its own process) ------------------------------------------------------------------------------

    /// <summary>The loopback Live server: prints its port, then one JSON line of round-trip figures per client.</summary>
    public static async Task<int> ServeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using WebApplication app = builder.Build();
        app.UseWebSockets();
        byte[][] audio = [.. Enumerable.Range(0, Variants).Select(v => Encoding.UTF8.GetBytes(
            $$$$"""{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"{{{{Convert.ToBase64String(MakePcm(v))}}}}"}}]}}}"""))];
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            await ServeSessionAsync(socket, audio);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($$"""{"port":{{new Uri(address).Port}}}""");
        await Task.Delay(TimeSpan.FromMinutes(20));
        return 0;
    }

    private static async Task ServeSessionAsync(WebSocket socket, byte[][] audio)
    {
        byte[] buffer = new byte[1 << 20];
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        CancellationToken token = stop.Token;
        Task Send(byte[] frame) => socket.SendAsync(frame, WebSocketMessageType.Binary, true, token);
        Task Control(string json) => Send(Encoding.UTF8.GetBytes(json));
        await ReceiveAsync(socket, buffer, token); // setup
        await Control("""{"setupComplete":{}}""");
        var rttFigures = new JsonObject();
        while (true)
        {
            int length = await ReceiveAsync(socket, buffer, token);
            if (length < 0)
            {
                break;
            }

            using JsonDocument command = JsonDocument.Parse(buffer.AsMemory(0, length));
            if (!command.RootElement.TryGetProperty("clientContent", out JsonElement content))
            {
                continue;
            }

            Dictionary<string, int> n = ParseCommand(content.GetProperty("turns")[0].GetProperty("parts")[0].GetProperty("text").GetString()!, out string phase);
            if (phase == "rtt")
            {
                int warmup = n["warmup"], count = n["n"];
                double[] times = new double[count];
                for (int i = 0; i < warmup + count; i++)
                {
                    byte[] call = Encoding.UTF8.GetBytes(
                        $$$"""{"toolCall":{"functionCalls":[{"id":"call_{{{i % 100000:D5}}}","name":"get_weather","args":{"location":"Tokyo","unit":"celsius","days":3}}]}}""");
                    long start = Stopwatch.GetTimestamp();
                    await Send(call);
                    int answer = await ReceiveAsync(socket, buffer, token);
                    long end = Stopwatch.GetTimestamp();
                    if (i >= warmup)
                    {
                        times[i - warmup] = Stopwatch.GetElapsedTime(start, end).TotalMicroseconds;
                    }

                    if (answer < 0 || buffer.AsSpan(0, answer).IndexOf(Encoding.UTF8.GetBytes($"\"call_{i % 100000:D5}\"")) < 0)
                    {
                        throw new InvalidOperationException($"round trip {i}: no toolResponse for call_{i % 100000:D5}");
                    }
                }

                Array.Sort(times);
                rttFigures = new JsonObject { ["p50"] = RoundTrip.P(times, 50), ["p99"] = RoundTrip.P(times, 99), ["p999"] = RoundTrip.P(times, 99.9) };
            }
            else if (phase == "recv")
            {
                for (int i = 0; i < n["warmup"] + n["n"]; i++)
                {
                    await Send(audio[i % Variants]);
                }
            }
            else if (phase == "send")
            {
                foreach (int target in new[] { n["warmup"], n["n"] })
                {
                    long bytes = 0;
                    for (int i = 0; i < target; i++)
                    {
                        int frame = await ReceiveAsync(socket, buffer, token);
                        if (frame < 0 || buffer.AsSpan(0, frame).IndexOf("realtimeInput"u8) < 0)
                        {
                            throw new InvalidOperationException("send: expected realtimeInput");
                        }

                        bytes += frame;
                    }

                    await Control($$$"""{"benchAck":{"count":{{{target}}},"bytes":{{{bytes}}}}}""");
                }
            }

            await Control($$$"""{"benchDone":{"phase":"{{{phase}}}"}}""");
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        Console.WriteLine(rttFigures.ToJsonString());
        Console.Out.Flush();

        static async Task<int> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken token)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), token);
                length += result.Count;
            }
            while (!result.EndOfMessage);
            return result.MessageType == WebSocketMessageType.Close ? -1 : length;
        }
    }
}

/// <summary>The library's client of the <c>--peer</c> mode, in its own process: what a user writes, phase by phase.</summary>
public static class PeerClient
{
    private static readonly Channel<(string Key, JsonElement Value)> Inbox = Channel.CreateUnbounded<(string, JsonElement)>();
    private static volatile string s_phase = "idle";
    private static int s_rttCount;
    private static int s_rttWarmup;
    private static double s_rttCpu0;
    private static int s_recvCount;
    private static int s_recvWarmup;
    private static int s_recvTotal;
    private static long s_recvBytes;
    private static double s_recvCpu0;
    private static double s_recvCpu;

    private static double CpuUs() => Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds;

    public static async Task<int> RunAsync(string kind, string[] args, long processStart)
    {
        string Opt(string name) => args[Array.IndexOf(args, "--" + name) + 1];
        int[] n = [.. Opt("counts").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
        s_rttWarmup = n[0];
        s_recvWarmup = n[2];
        s_recvTotal = n[2] + n[3];
        byte[][] pcm = [.. Enumerable.Range(0, 16).Select(Peer.MakePcm)];
        var counts = new Peer.Counts(n[0], n[1], n[2], n[3], n[4], n[5]);

        long connectStart = Stopwatch.GetTimestamp();
        var client = new Client(new ClientOptions { ApiKey = "bench-key", BaseUrl = new Uri($"http://127.0.0.1:{Opt("port")}") });
        var config = new LiveConnectConfig { ResponseModalities = [Modality.Audio], Tools = [WeatherBenchTools.LiveTools] };
        await using AsyncSession session = await client.Live.ConnectAsync("gemini-live-2.5-flash-preview", config);
        double connectMs = Stopwatch.GetElapsedTime(connectStart).TotalMilliseconds;
        double startupMs = Stopwatch.GetElapsedTime(processStart).TotalMilliseconds;

        Task receiving = kind == "cstools"
            ? session.RunWithToolsAsync(new PeerWeatherTools(), (m, _) =>
            {
                OnMessage(m);
                return ValueTask.CompletedTask;
            })
            : kind == "cspooled"
            ? Task.Run(async () =>
            {
                await foreach (LiveServerMessageLease lease in session.ReceivePooledAsync())
                {
                    using (lease)
                    {
                        await HandleAsync(lease.Message);
                    }
                }
            })
            : Task.Run(async () =>
            {
                await foreach (LiveServerMessage m in session.ReceiveAsync())
                {
                    await HandleAsync(m);
                }
            });

        async ValueTask HandleAsync(LiveServerMessage m)
        {
            if (m.ToolCall is { } call && s_phase == "rtt")
            {
                FunctionCall fc = call.FunctionCalls![0];
                await session.SendToolResponseAsync(new FunctionResponse { Id = fc.Id, Name = fc.Name, Response = new JsonObject { ["output"] = Output(fc.Args!.Value) } });
                CountRoundTrip();
            }
            else
            {
                OnMessage(m);
            }
        }

        var result = new JsonObject { ["connectMs"] = connectMs, ["startupToConnectedMs"] = startupMs };

        s_phase = "rtt";
        await session.SendClientContentAsync(counts.Command("rtt"), turnComplete: true);
        await ExpectAsync("benchDone");
        result["rttCpuUs"] = (CpuUs() - s_rttCpu0) / n[1];

        s_phase = "recv";
        await session.SendClientContentAsync(counts.Command("recv"), turnComplete: true);
        await ExpectAsync("benchDone");
        if (s_recvCount != s_recvTotal || s_recvBytes != (long)n[3] * 3200)
        {
            throw new InvalidOperationException($"recv: {s_recvCount} messages, {s_recvBytes} bytes");
        }

        result["recvCpuUs"] = s_recvCpu / n[3];

        s_phase = "send";
        await session.SendClientContentAsync(counts.Command("send"), turnComplete: true);
        for (int i = 0; i < n[4]; i++)
        {
            await session.SendAudioAsync(pcm[i % 16]);
        }

        await ExpectAsync("benchAck");
        double cpu0 = CpuUs();
        for (int i = 0; i < n[5]; i++)
        {
            await session.SendAudioAsync(pcm[i % 16]);
        }

        await ExpectAsync("benchAck");
        result["sendCpuUs"] = (CpuUs() - cpu0) / n[5];
        await ExpectAsync("benchDone");
        using (var self = Process.GetCurrentProcess())
        {
            result["peakRssMiB"] = self.PeakWorkingSet64 / 1048576.0;
        }

        await session.CloseAsync();
        try
        {
            await receiving;
        }
        catch (Exception ex) when (ex is LiveException or OperationCanceledException)
        {
        }

        Console.WriteLine(result.ToJsonString());
        return 0;
    }

    internal static void CountRoundTrip()
    {
        if (Interlocked.Increment(ref s_rttCount) == s_rttWarmup)
        {
            s_rttCpu0 = CpuUs();
        }
    }

    internal static JsonObject Output(JsonElement args) => new()
    {
        ["location"] = args.GetProperty("location").GetString(),
        ["temperature"] = 24.5,
        ["unit"] = args.GetProperty("unit").GetString(),
        ["summary"] = "clear skies",
        ["humidity"] = 0.62,
        ["wind_kph"] = 11.3,
        ["observed_at"] = "2026-11-23T12:00:00Z",
    };

    private static void OnMessage(LiveServerMessage m)
    {
        if (m.ServerContent is { } content && s_phase == "recv")
        {
            foreach (Part part in content.ModelTurn?.Parts ?? [])
            {
                if (part.InlineData is { } blob)
                {
                    s_recvBytes += blob.Data.Length;
                }
            }

            if (++s_recvCount == s_recvWarmup)
            {
                s_recvCpu0 = CpuUs();
                s_recvBytes = 0;
            }
            else if (s_recvCount == s_recvTotal)
            {
                s_recvCpu = CpuUs() - s_recvCpu0;
            }

            return;
        }

        if (m.AdditionalProperties is { } extra)
        {
            foreach (KeyValuePair<string, JsonElement> kv in extra)
            {
                if (kv.Key is "benchAck" or "benchDone")
                {
                    Inbox.Writer.TryWrite((kv.Key, kv.Value.Clone()));
                }
            }
        }
    }

    private static async Task ExpectAsync(string key)
    {
        (string got, _) = await Inbox.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(120));
        if (got != key)
        {
            throw new InvalidOperationException($"expected {key}, got {got}");
        }
    }
}

/// <summary>The generated tool of the <c>cstools</c> client: the same output the manual client builds.</summary>
public sealed partial class PeerWeatherTools
{
    /// <summary>Current weather for a city.</summary>
    /// <param name="location">The city.</param>
    /// <param name="unit">celsius or fahrenheit.</param>
    /// <param name="days">Days of forecast.</param>
    /// <returns>The weather.</returns>
    [LiveTool("get_weather")]
    public PeerWeather GetWeather(string location, string unit = "celsius", int days = 1)
    {
        PeerClient.CountRoundTrip();
        return new PeerWeather(location, 24.5, unit, "clear skies", 0.62, 11.3, "2026-11-23T12:00:00Z");
    }
}

/// <summary>What <see cref="PeerWeatherTools.GetWeather"/> returns.</summary>
public sealed record PeerWeather(string Location, double Temperature, string Unit, string Summary, double Humidity, double WindKph, string ObservedAt);
