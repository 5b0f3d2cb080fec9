using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Reliability.Tests.Infrastructure;
using Live.Testing;
using Live.Tools;
using Microsoft.Extensions.Logging;
using static Live.Reliability.Tests.Infrastructure.EmulatorClients;

namespace Live.Reliability.Tests;

/// <summary>Keys and tokens never show: not in logs at any level, exception messages, or ToString() of anything.</summary>
public class SecretTests
{
    private const string Key = "AIzaSyFAKE-live-reliability-KEY-5e1f0c";
    private const string WrongKey = "AIzaSyFAKE-wrong-KEY-a81d33";
    private const string Token = "ya29.FAKE-bearer-TOKEN-0b7c4e";
    private const string HeaderSecret = "FAKE-header-SECRET-2d9f";

    [Fact(Timeout = 120_000)]
    public async Task A_run_with_connects_sends_errors_and_resumptions_never_shows_the_key_or_token()
    {
        var logs = new CapturingLoggerProvider();
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var shown = new List<string>();
        void Show(object? value)
        {
            if (value is Exception ex)
            {
                shown.Add(ex.Message);
                shown.Add(ex.ToString());
                if (ex is LiveProtocolException { FrameExcerpt: { } excerpt })
                {
                    shown.Add(excerpt);
                }
            }
            else if (value is not null)
            {
                shown.Add(value.ToString()!);
            }
        }

        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { ApiKey = Key });
        void Configure(ClientOptions o)
        {
            o.ApiKey = Key;
            o.LoggerFactory = factory;
            o.Headers["x-custom-auth"] = HeaderSecret;
        }

        // 1. A session with a tool call, a malformed and a fuzzed frame, goAway (resumed), a 1011 (resumed), then a refused resumption.
        var tools = new FaultTools();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .ExpectClientContent()
            .SendToolCall("call-1", "echo", new JsonObject { ["text"] = "hi" })
            .ExpectToolResponse("call-1")
            .SendMalformed("{not json " + Key.Length)
            .SendRaw("{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pcm\",\"data\":\"!!!\"}}]}}}")
            .SendGoAway(TimeSpan.FromSeconds(10))
            .ExpectClose());
        emulator.Script(s => s.SendSessionResumptionUpdate("handle-2").SendTextTurn("resumed").Close(1011, "Internal error"));
        emulator.Script(s => s.NeverAnswerSetup().Close(1008, "Resumption denied"));

        Client client = CreateClient(emulator, Configure);
        LiveConnectConfig config = ResumableConfig();
        config.Tools = [tools.ToTool()];
        AsyncSession session = await client.Live.ConnectAsync(Model, config);
        Show(client);
        Show(client.Live);
        Show(config);
        Show(config.SessionResumption);
        Show(session);
        await session.SendClientContentAsync("call the tool", turnComplete: true);
        Exception ended = await Assert.ThrowsAnyAsync<LiveException>(() => session.RunWithToolsAsync(tools, (m, _) =>
        {
            Show(m);
            return ValueTask.CompletedTask;
        }).WaitAsync(TestTimeout));
        Assert.IsType<LiveResumptionException>(ended);
        Assert.Equal(1, session.ResumptionCount); // the second resumption was refused
        Assert.Equal(3, emulator.Connections.Count);
        Show(ended);
        Show(session);
        Show(await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendTextAsync("after")));
        await session.DisposeAsync();

        // 2. A refused handshake (HTTP 403), a wrong key, and a setup the service rejects (1007).
        emulator.Script(s => s.RejectHandshake(403));
        Show(await Assert.ThrowsAsync<LiveClientException>(() => client.Live.ConnectAsync(Model)));
        Show(await Assert.ThrowsAnyAsync<LiveException>(() => CreateClient(emulator, o => { Configure(o); o.ApiKey = WrongKey; }).Live.ConnectAsync(Model)));
        var bad = new LiveConnectConfig { AdditionalSetupProperties = new Dictionary<string, JsonElement> { ["notAField"] = JsonDocument.Parse("1").RootElement } };
        var rejected = await Assert.ThrowsAsync<LiveClientException>(() => client.Live.ConnectAsync(Model, bad));
        Assert.Equal(1007, rejected.CloseCode);
        Show(rejected);

        // 3. Vertex AI with a bearer token: a fuzzed frame, a frame nested too deep (fatal), options and session shown.
        QueueTransport? transport = null;
        var vertexOptions = QueueTransport.Options(t => transport = t, new ClientOptions
        {
            VertexAI = true,
            Project = "test-project",
            Location = "us-central1",
            AccessTokenProvider = _ => ValueTask.FromResult(Token),
            LoggerFactory = factory,
        });
        var vertexClient = new Client(vertexOptions);
        await using AsyncSession vertex = await vertexClient.Live.ConnectAsync("gemini-2.0-flash-live-preview-04-09");
        Show(vertexOptions);
        Show(vertexClient);
        Show(vertex);
        transport!.EnqueueText("{\"toolCall\":{\"functionCalls\":[{\"id\":1,\"name\":[\"" + Token.Length + "\"]}]}}");
        transport.EnqueueText("{\"a\":" + new string('[', 100) + new string(']', 100) + "}");
        await using (IAsyncEnumerator<LiveServerMessage> messages = vertex.ReceiveAsync().GetAsyncEnumerator())
        {
            Assert.True(await messages.MoveNextAsync()); // setupComplete
            Show(await Assert.ThrowsAsync<LiveProtocolException>(async () => await messages.MoveNextAsync()));
        }

        await using (IAsyncEnumerator<LiveServerMessage> messages = vertex.ReceiveAsync().GetAsyncEnumerator())
        {
            Show(await Assert.ThrowsAsync<LiveProtocolException>(async () => await messages.MoveNextAsync()));
        }

        // What was captured is real: connects, payloads at Trace, redacted URLs, errors.
        IReadOnlyList<string> lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains("Sent frame:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Received frame:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("key=***", StringComparison.Ordinal));
        Assert.True(lines.Count(l => l.Contains("Connecting to", StringComparison.Ordinal)) >= 6);
        Assert.Contains(lines, l => l.Contains("Resuming the Live session", StringComparison.Ordinal));
        Assert.True(shown.Count > 20);
        Assert.Contains(Key, emulator.Connections[0].QueryString, StringComparison.Ordinal); // the key was on the wire …

        foreach (string text in lines.Concat(shown))
        {
            foreach (string secret in new[] { Key, WrongKey, Token, HeaderSecret })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret appears in: {text}"); // … and nowhere else
            }
        }
    }

    [Fact]
    public async Task Unencrypted_ws_to_a_remote_host_is_refused_before_any_connection_attempt()
    {
        int attempts = 0;
        var options = new ClientOptions
        {
            ApiKey = Key,
            BaseUrl = new Uri("http://live-insecure-test.invalid:8080"),
            EnvironmentReader = _ => null,
            WebSocketFactory = (_, _, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new IOException("a test hook: no connection is ever made");
            },
        };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new Client(options).Live.ConnectAsync(Model));
        Assert.Contains("AllowInsecureTransport", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, attempts);

        // Allowed explicitly, the client goes on to connect (here into the hook, which refuses).
        options.AllowInsecureTransport = true;
        await Assert.ThrowsAsync<IOException>(() => new Client(options).Live.ConnectAsync(Model));
        Assert.Equal(1, attempts);
    }
}
