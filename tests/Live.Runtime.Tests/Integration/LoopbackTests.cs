using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Runtime.Tests.Infrastructure;

namespace Live.Runtime.Tests.Integration;

/// <summary>The client against a real WebSocket server (Kestrel) on 127.0.0.1.</summary>
public class LoopbackTests
{
    private const string Model = "gemini-live-2.5-flash-preview";

    [Fact]
    public async Task Connect_receives_setup_complete_and_closes_with_1000()
    {
        string? setup = null;
        WebSocketCloseStatus? clientClose = null;
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            setup = await LoopbackServer.AcceptSetupAsync(socket, sessionId: "loopback-1");
            clientClose = await LoopbackServer.DrainUntilCloseAsync(socket);
        });

        AsyncSession session = await server.CreateClient().Live.ConnectAsync(Model, new LiveConnectConfig { ResponseModalities = [Modality.Text] });
        Assert.Equal("loopback-1", session.SessionId);
        Assert.NotNull((await session.NextAsync()).SetupComplete);
        await session.DisposeAsync();
        await server.HandlerDone.WaitAsync(LoopbackServer.Timeout);

        JsonAssert.Equal(
            """{"setup":{"model":"models/gemini-live-2.5-flash-preview","generationConfig":{"responseModalities":["TEXT"]}}}""", setup!);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, clientClose);

        // The path the official client produces (with its double slash) reaches the server unchanged; the key is in the query only.
        Assert.Equal("//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent", server.RequestPath);
        Assert.Equal("?key=TEST_KEY", server.RequestQuery);
        Assert.False(server.RequestHeaders.ContainsKey("x-goog-api-key"));
    }

    [Fact]
    public async Task Text_turn()
    {
        string? turn = null;
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.AcceptSetupAsync(socket);
            turn = await LoopbackServer.ReadAsync(socket);
            await LoopbackServer.SendAsync(socket, """{"serverContent":{"modelTurn":{"role":"model","parts":[{"text":"Bonjour"}]}}}""");
            await LoopbackServer.SendAsync(socket, """{"serverContent":{"modelTurn":{"role":"model","parts":[{"text":", Ada 👋"}]}}}""", binary: false);
            await LoopbackServer.SendAsync(socket, """{"serverContent":{"generationComplete":true}}""");
            await LoopbackServer.SendAsync(socket, """{"serverContent":{"turnComplete":true},"usageMetadata":{"totalTokenCount":9}}""");
            await LoopbackServer.DrainUntilCloseAsync(socket);
        });

        await using AsyncSession session = await server.CreateClient().Live.ConnectAsync(Model);
        await session.SendClientContentAsync("Say hello to Ada", turnComplete: true);

        var text = new StringBuilder();
        int? tokens = null;
        using var cts = new CancellationTokenSource(LoopbackServer.Timeout);
        await foreach (LiveServerMessage message in session.ReceiveAsync(cts.Token))
        {
            text.Append(message.Text);
            if (message.ServerContent?.TurnComplete == true)
            {
                tokens = message.UsageMetadata?.TotalTokenCount;
                break;
            }
        }

        Assert.Equal("Bonjour, Ada 👋", text.ToString());
        Assert.Equal(9, tokens);
        JsonAssert.Equal(
            """{"clientContent":{"turns":[{"parts":[{"text":"Say hello to Ada"}],"role":"user"}],"turnComplete":true}}""", turn!);
    }

    [Fact]
    public async Task Audio_streamed_in_chunks_and_audio_answer_reassembled_from_fragments()
    {
        byte[] input = new byte[32_000];
        new Random(7).NextBytes(input);
        byte[] answer = new byte[300_000];
        new Random(8).NextBytes(answer);
        var received = new MemoryStream();
        var mimeTypes = new HashSet<string>();
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.AcceptSetupAsync(socket);
            for (int i = 0; i < 20; i++)
            {
                using JsonDocument frame = JsonDocument.Parse((await LoopbackServer.ReadAsync(socket))!);
                JsonElement audio = frame.RootElement.GetProperty("realtimeInput").GetProperty("audio");
                mimeTypes.Add(audio.GetProperty("mimeType").GetString()!);
                received.Write(audio.GetProperty("data").GetBytesFromBase64());
            }

            string end = (await LoopbackServer.ReadAsync(socket))!;
            JsonAssert.Equal("""{"realtimeInput":{"audioStreamEnd":true}}""", end);

            // The model's audio in one message, sent as many 16 KiB fragments.
            string json = "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pcm;rate=24000\",\"data\":\"" + Convert.ToBase64String(answer) + "\"}}]}}}";
            await LoopbackServer.SendAsync(socket, json, fragmentSize: 16 * 1024);
            await LoopbackServer.DrainUntilCloseAsync(socket);
        });

        await using AsyncSession session = await server.CreateClient().Live.ConnectAsync(Model);
        for (int offset = 0; offset < input.Length; offset += 1600)
        {
            await session.SendAudioAsync(input.AsMemory(offset, 1600));
        }

        await session.SendAudioStreamEndAsync();
        Assert.NotNull((await session.NextAsync()).SetupComplete);
        LiveServerMessage reply = await session.NextAsync();

        Assert.Equal(answer, reply.Data?.ToArray());
        Assert.Equal(input, received.ToArray());
        Assert.Equal(["audio/pcm;rate=16000"], mimeTypes);
    }

    [Fact]
    public async Task Concurrent_sends_from_many_threads_arrive_as_whole_frames()
    {
        const int Senders = 8;
        const int PerSender = 25;
        var texts = new List<string>();
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.AcceptSetupAsync(socket);
            for (int i = 0; i < Senders * PerSender; i++)
            {
                using JsonDocument frame = JsonDocument.Parse((await LoopbackServer.ReadAsync(socket))!);
                texts.Add(frame.RootElement.GetProperty("realtimeInput").GetProperty("text").GetString()!);
            }

            await LoopbackServer.DrainUntilCloseAsync(socket);
        });

        await using AsyncSession session = await server.CreateClient().Live.ConnectAsync(Model);
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < PerSender; i++)
            {
                await session.SendTextAsync($"{s}:{i}:" + new string('x', 2000));
            }
        }))).WaitAsync(LoopbackServer.Timeout);
        await session.CloseAsync();
        await server.HandlerDone.WaitAsync(LoopbackServer.Timeout);

        Assert.Equal(Senders * PerSender, texts.Distinct().Count());
        for (int s = 0; s < Senders; s++)
        {
            // Each sender's frames stay in its order.
            List<int> order = texts.Where(t => t.StartsWith($"{s}:", StringComparison.Ordinal)).Select(t => int.Parse(t.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, PerSender), order);
        }
    }

    [Fact]
    public async Task Tool_call_answered()
    {
        string? response = null;
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.AcceptSetupAsync(socket);
            await LoopbackServer.SendAsync(socket, """{"toolCall":{"functionCalls":[{"id":"call-7","name":"get_weather","args":{"city":"Paris"}}]}}""");
            response = await LoopbackServer.ReadAsync(socket);
            await LoopbackServer.SendAsync(socket, """{"serverContent":{"modelTurn":{"parts":[{"text":"Sunny."}]},"turnComplete":true}}""");
            await LoopbackServer.DrainUntilCloseAsync(socket);
        });

        var config = new LiveConnectConfig
        {
            Tools = [Tool.FromFunctions(new FunctionDeclaration { Name = "get_weather", Parameters = new Schema { Type = SchemaType.Object } })],
        };
        await using AsyncSession session = await server.CreateClient().Live.ConnectAsync(Model, config);
        string? answer = null;
        using var cts = new CancellationTokenSource(LoopbackServer.Timeout);
        await foreach (LiveServerMessage message in session.ReceiveAsync(cts.Token))
        {
            if (message.ToolCall?.FunctionCalls is { } calls)
            {
                FunctionCall call = Assert.Single(calls);
                string city = call.Args!.Value.GetProperty("city").GetString()!;
                await session.SendToolResponseAsync(new FunctionResponse
                {
                    Id = call.Id,
                    Name = call.Name,
                    Response = new JsonObject { ["output"] = $"Sunny in {city}" },
                });
            }

            if (message.ServerContent?.TurnComplete == true)
            {
                answer = message.Text;
                break;
            }
        }

        Assert.Equal("Sunny.", answer);
        JsonAssert.Equal(
            """{"toolResponse":{"functionResponses":[{"id":"call-7","name":"get_weather","response":{"output":"Sunny in Paris"}}]}}""", response!);
    }

    [Theory]
    [InlineData(1000, null)]
    [InlineData(1007, typeof(LiveClientException))]
    [InlineData(1008, typeof(LiveClientException))]
    [InlineData(1011, typeof(LiveServerException))]
    [InlineData(4001, typeof(LiveClientException))]
    public async Task Server_close_with_each_code(int code, Type? expected)
    {
        string reason = $"reason for {code}";
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.AcceptSetupAsync(socket);
            await LoopbackServer.CloseAsync(socket, code, reason);
        });

        await using AsyncSession session = await server.CreateClient().Live.ConnectAsync(Model);
        Exception? thrown = await Record.ExceptionAsync(async () =>
        {
            List<LiveServerMessage> messages = await session.DrainAsync();
            Assert.NotNull(Assert.Single(messages).SetupComplete);
        });

        if (expected is null)
        {
            Assert.Null(thrown);
        }
        else
        {
            var live = Assert.IsAssignableFrom<LiveException>(thrown);
            Assert.IsType(expected, live);
            Assert.Equal(code, live.CloseCode);
            Assert.Equal(reason, live.CloseReason);
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendClientContentAsync("after close", turnComplete: true));
        await session.CloseAsync();
        await server.HandlerDone.WaitAsync(LoopbackServer.Timeout);
    }

    [Fact]
    public async Task Close_before_setup_complete_fails_connect()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.ReadAsync(socket);
            await LoopbackServer.CloseAsync(socket, 1008, "models/unknown-model is not found");
        });

        var ex = await Assert.ThrowsAsync<LiveClientException>(() => server.CreateClient().Live.ConnectAsync("unknown-model"));
        Assert.Equal("Live connection closed before setup completed (code 1008): models/unknown-model is not found", ex.Message);
    }

    [Fact]
    public async Task Upgrade_rejected_http_403()
    {
        Vector vector = Vector.Load("upgrade_rejected_http_403");
        int status = vector.Frame.GetProperty("http_status").GetInt32();
        await using LoopbackServer server = await LoopbackServer.StartAsync(_ => Task.CompletedTask, rejectWithStatus: status);

        var ex = await Assert.ThrowsAsync<LiveClientException>(() => server.CreateClient().Live.ConnectAsync(Model));
        Assert.Equal(403, ex.HttpStatusCode);
        Assert.Contains("HTTP 403", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TEST_KEY", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal("?key=TEST_KEY", server.RequestQuery);
    }

    [Fact]
    public async Task Upgrade_rejected_http_503_is_a_server_error()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(_ => Task.CompletedTask, rejectWithStatus: 503);
        var ex = await Assert.ThrowsAsync<LiveServerException>(() => server.CreateClient().Live.ConnectAsync(Model));
        Assert.Equal(503, ex.HttpStatusCode);
    }

    [Fact]
    public async Task Setup_timeout_gives_a_clear_error()
    {
        var release = new TaskCompletionSource();
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.ReadAsync(socket);
            await release.Task.WaitAsync(LoopbackServer.Timeout); // never answers the setup
        });

        var ex = await Assert.ThrowsAsync<TimeoutException>(
            () => server.CreateClient(o => o.SetupTimeout = TimeSpan.FromMilliseconds(500)).Live.ConnectAsync(Model));
        Assert.Contains("setupComplete", ex.Message, StringComparison.Ordinal);
        release.SetResult();
    }

    [Fact]
    public async Task Message_larger_than_the_limit_closes_the_session()
    {
        WebSocketCloseStatus? clientClose = null;
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.AcceptSetupAsync(socket);
            await LoopbackServer.SendAsync(socket, "{\"someFutureField\":\"" + new string('a', 100_000) + "\"}", fragmentSize: 4096);
            clientClose = await LoopbackServer.DrainUntilCloseAsync(socket);
        });

        await using AsyncSession session = await server.CreateClient(o => o.MaxIncomingMessageBytes = 50_000).Live.ConnectAsync(Model);
        Assert.NotNull((await session.NextAsync()).SetupComplete);
        var ex = await Assert.ThrowsAsync<LiveProtocolException>(() => session.NextAsync());
        Assert.True(ex.IsFatal);
        Assert.Equal(1009, ex.CloseCode);
        await server.HandlerDone.WaitAsync(LoopbackServer.Timeout);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, clientClose);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendTextAsync("after"));
    }

    [Fact]
    public async Task Connection_lost_without_close_frame_is_a_server_error()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(async socket =>
        {
            await LoopbackServer.AcceptSetupAsync(socket);
            await LoopbackServer.ReadAsync(socket); // setupComplete surely arrived once the client talks
            socket.Abort();
        });

        await using AsyncSession session = await server.CreateClient().Live.ConnectAsync(Model);
        await session.SendTextAsync("hello");
        Assert.NotNull((await session.NextAsync()).SetupComplete);
        var ex = await Assert.ThrowsAsync<LiveServerException>(() => session.NextAsync());
        Assert.Equal(1006, ex.CloseCode);
    }

    [Fact]
    public async Task Insecure_ws_to_a_remote_host_is_refused_before_connecting()
    {
        var client = new Client(new ClientOptions { ApiKey = "TEST_KEY", BaseUrl = new Uri("http://example.invalid"), EnvironmentReader = _ => null });
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Live.ConnectAsync(Model));
        Assert.Contains("AllowInsecureTransport", ex.Message, StringComparison.Ordinal);
    }
}
