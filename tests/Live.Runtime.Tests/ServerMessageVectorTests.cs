using System.Text;
using System.Text.Json;
using Live.Runtime.Tests.Infrastructure;
using Live.Serialization;

namespace Live.Runtime.Tests;

/// <summary>
/// The <c>server_*</c> vectors: each frame, fed as a pretty-printed binary frame and as a compact text frame, reads as
/// the typed message the official client exposes (re-serialized and compared as JSON), with the same
/// <see cref="LiveServerMessage.Text"/>/<see cref="LiveServerMessage.Data"/> getters.
/// </summary>
public class ServerMessageVectorTests
{
    public static TheoryData<string> ExposedMessageVectors =>
    [
        "server_content_audio",
        "server_content_generation_complete",
        "server_content_grounding_metadata",
        "server_content_input_transcription",
        "server_content_interrupted",
        "server_content_mixed_parts",
        "server_content_output_transcription",
        "server_content_text",
        "server_content_turn_complete",
        "server_go_away",
        "server_session_resumption_update",
        "server_tool_call",
        "server_tool_call_cancellation",
        "server_unknown_field",
        "server_usage_metadata",
        "server_vertex_usage_metadata_mapping",
    ];

    /// <summary>Typed checks per vector, beyond the JSON comparison.</summary>
    private static readonly Dictionary<string, Action<LiveServerMessage>> TypedChecks = new()
    {
        ["server_content_audio"] = m => Assert.Equal("audio/pcm;rate=24000", m.ServerContent!.ModelTurn!.Parts![0].InlineData!.MimeType),
        ["server_content_generation_complete"] = m => Assert.True(m.ServerContent!.GenerationComplete),
        ["server_content_grounding_metadata"] = m =>
        {
            Assert.Equal("weather in Paris", m.ServerContent!.GroundingMetadata!.WebSearchQueries![0]);
            Assert.Equal("https://example.com/weather", m.ServerContent.GroundingMetadata.GroundingChunks![0].Web!.Uri);
        },
        ["server_content_input_transcription"] = m => Assert.Equal("what is the weather", m.ServerContent!.InputTranscription!.Text),
        ["server_content_interrupted"] = m => Assert.True(m.ServerContent!.Interrupted),
        ["server_content_mixed_parts"] = m => Assert.True(m.ServerContent!.ModelTurn!.Parts![0].Thought),
        ["server_content_output_transcription"] = m => Assert.Equal("It is sunny.", m.ServerContent!.OutputTranscription!.Text),
        ["server_content_text"] = m => Assert.Equal("model", m.ServerContent!.ModelTurn!.Role),
        ["server_content_turn_complete"] = m => Assert.True(m.ServerContent!.TurnComplete),
        ["server_go_away"] = m =>
        {
            Assert.Equal("50s", m.GoAway!.TimeLeft);
            Assert.Equal(TimeSpan.FromSeconds(50), m.GoAway.TimeLeftDuration);
        },
        ["server_session_resumption_update"] = m =>
        {
            Assert.Equal("resume-handle-abc123", m.SessionResumptionUpdate!.NewHandle);
            Assert.True(m.SessionResumptionUpdate.Resumable);
        },
        ["server_tool_call"] = m =>
        {
            IList<FunctionCall> calls = m.ToolCall!.FunctionCalls!;
            Assert.Equal(["function-call-1", "function-call-2"], calls.Select(c => c.Id));
            Assert.Equal("Paris", calls[0].Args!.Value.GetProperty("city").GetString());
            Assert.Equal(3, calls[0].Args!.Value.GetProperty("days").GetInt32());
            Assert.Equal(JsonValueKind.Object, calls[1].Args!.Value.ValueKind);
        },
        ["server_tool_call_cancellation"] = m => Assert.Equal(["function-call-1"], m.ToolCallCancellation!.Ids!),
        ["server_unknown_field"] = m => Assert.Equal(1, m.AdditionalProperties!["someFutureField"].GetProperty("x").GetInt32()),
        ["server_usage_metadata"] = m =>
        {
            Assert.Equal(24, m.UsageMetadata!.PromptTokenCount);
            Assert.Equal(12, m.UsageMetadata.ResponseTokenCount);
            Assert.Equal(36, m.UsageMetadata.TotalTokenCount);
            Assert.Equal(Modality.Text, m.UsageMetadata.PromptTokensDetails![0].Modality);
            Assert.Equal(Modality.Audio, m.UsageMetadata.ResponseTokensDetails![0].Modality);
        },
        ["server_vertex_usage_metadata_mapping"] = m =>
        {
            Assert.Equal(12, m.UsageMetadata!.ResponseTokenCount);
            Assert.Equal(VoiceActivityType.ActivityStart, m.VoiceActivity!.VoiceActivityType);

            // Unlike the official client's Vertex path, unknown members are kept here too (nothing received is lost).
            Assert.True(m.AdditionalProperties!.ContainsKey("someFutureField"));
        },
    };

    [Theory]
    [MemberData(nameof(ExposedMessageVectors))]
    public async Task Server_message_reads_as_the_official_client_exposes_it(string vectorName)
    {
        Vector vector = Vector.Load(vectorName);
        Assert.True(vector.Root.GetProperty("text_frame_exposed_identically").GetBoolean());
        bool vertex = vectorName.Contains("vertex", StringComparison.Ordinal);
        (AsyncSession session, InMemoryTransport transport) = vertex ? await TestClients.ConnectVertexAsync() : await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            Assert.NotNull((await session.NextAsync()).SetupComplete);

            transport.Enqueue(Transport.TransportFrameKind.Binary, Encoding.UTF8.GetBytes(Pretty(vector.Frame) + "\n"));
            transport.EnqueueText(Compact(vector.Frame));
            foreach (string frameType in new[] { "binary", "text" })
            {
                LiveServerMessage message = await session.NextAsync();
                AssertExposed(vector, message, vertex, frameType);
            }
        }
    }

    [Fact]
    public async Task Server_setup_complete()
    {
        var transport = new InMemoryTransport { AutoSetupComplete = false };
        transport.OnSend = frame => transport.EnqueueBinary(Pretty(Vector.Load("server_setup_complete").Frame));
        await using AsyncSession session = await new Client(TestClients.GeminiOptions(transport)).Live.ConnectAsync(TestClients.GeminiModel);

        // connect returned only after setupComplete; the message itself is also delivered first.
        LiveServerMessage first = await session.NextAsync();
        Assert.NotNull(first.SetupComplete);
        Assert.Null(first.Text);
        Assert.Null(first.Data);
        Assert.Null(session.SessionId);
    }

    [Fact]
    public async Task Server_setup_complete_with_session_id()
    {
        var transport = new InMemoryTransport { AutoSetupComplete = false };
        transport.OnSend = _ => transport.EnqueueText("""{"setupComplete":{"sessionId":"session-42"}}""");
        await using AsyncSession session = await new Client(TestClients.GeminiOptions(transport)).Live.ConnectAsync(TestClients.GeminiModel);
        Assert.Equal("session-42", session.SessionId);
    }

    [Fact]
    public async Task Server_messages_before_setup_complete()
    {
        Vector vector = Vector.Load("server_messages_before_setup_complete");
        var transport = new InMemoryTransport { AutoSetupComplete = false };
        transport.OnSend = _ =>
        {
            foreach (JsonElement frame in vector.Frame.EnumerateArray())
            {
                transport.EnqueueBinary(Pretty(frame));
            }
        };

        await using AsyncSession session = await new Client(TestClients.GeminiOptions(transport)).Live.ConnectAsync(TestClients.GeminiModel);

        // Buffered during connect, delivered afterwards in arrival order.
        LiveServerMessage early = await session.NextAsync();
        Assert.Equal("early", early.Text);
        Assert.NotNull((await session.NextAsync()).SetupComplete);
    }

    [Fact]
    public async Task Server_non_json_frame()
    {
        Vector vector = Vector.Load("server_non_json_frame");
        string garbage = vector.Frame.GetProperty("unparsed_text").GetString()!;
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            Assert.NotNull((await session.NextAsync()).SetupComplete);
            transport.EnqueueText(garbage);
            transport.EnqueueBinary("""{"serverContent":{"turnComplete":true}}""");

            // That one frame fails; the session stays open and the next receive goes on with the next frame.
            var ex = await Assert.ThrowsAsync<LiveProtocolException>(() => session.NextAsync());
            Assert.False(ex.IsFatal);
            Assert.Equal(garbage, ex.FrameExcerpt);
            Assert.False(session.IsClosed);
            Assert.True((await session.NextAsync()).ServerContent!.TurnComplete);
            await session.SendTextAsync("still usable");
            Assert.Equal(2, transport.SentFrames.Count);
        }
    }

    [Fact]
    public async Task Server_frame_that_is_json_but_not_a_message_is_skipped_like_non_json()
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            Assert.NotNull((await session.NextAsync()).SetupComplete);
            transport.EnqueueText("[1,2,3]");
            transport.EnqueueText("""{"serverContent":{"turnComplete":"yes"}}""");
            transport.EnqueueText("""{"goAway":{"timeLeft":"1.5s"}}""");
            Assert.False((await Assert.ThrowsAsync<LiveProtocolException>(() => session.NextAsync())).IsFatal);
            Assert.False((await Assert.ThrowsAsync<LiveProtocolException>(() => session.NextAsync())).IsFatal);
            Assert.Equal(TimeSpan.FromSeconds(1.5), (await session.NextAsync()).GoAway!.TimeLeftDuration);
        }
    }

    [Fact]
    public async Task Malformed_frame_before_setup_complete_is_reported_in_order()
    {
        var transport = new InMemoryTransport { AutoSetupComplete = false };
        transport.OnSend = _ =>
        {
            transport.EnqueueText("not json");
            transport.EnqueueText("""{"setupComplete":{}}""");
        };
        await using AsyncSession session = await new Client(TestClients.GeminiOptions(transport)).Live.ConnectAsync(TestClients.GeminiModel);
        await Assert.ThrowsAsync<LiveProtocolException>(() => session.NextAsync());
        Assert.NotNull((await session.NextAsync()).SetupComplete);
    }

    [Fact]
    public async Task Frame_nested_deeper_than_the_limit_closes_the_session()
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            Assert.NotNull((await session.NextAsync()).SetupComplete);
            string deep = """{"someFutureField":""" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}";
            transport.EnqueueText(deep);
            var ex = await Assert.ThrowsAsync<LiveProtocolException>(() => session.NextAsync());
            Assert.True(ex.IsFatal);
            Assert.Equal(1008, transport.ClientCloseCode);
            Assert.True(session.IsClosed);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendTextAsync("after"));
        }
    }

    [Fact]
    public async Task Base64_is_read_in_both_alphabets_with_or_without_padding()
    {
        Vector vector = Vector.Load("realtime_audio");
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            Assert.NotNull((await session.NextAsync()).SetupComplete);
            foreach (string encoded in new[] { "base64_standard", "base64_urlsafe" }.Select(n => vector.Root.GetProperty(n).GetString()!)
                .Concat(["++++////ABAnAQ", "----____ABAnAQ==", "----\\/___ABAnAQ" /* an escaped JSON string */]))
            {
                transport.EnqueueText("{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pcm\",\"data\":\"" + encoded + "\"}}]}}}");
                LiveServerMessage message = await session.NextAsync();
                Assert.Equal(vector.Bytes, message.Data?.ToArray());
            }

            transport.EnqueueText("""{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"data":"***"}}]}}}""");
            await Assert.ThrowsAsync<LiveProtocolException>(() => session.NextAsync());
        }
    }

    private static void AssertExposed(Vector vector, LiveServerMessage message, bool vertex, string frameType)
    {
        JsonElement exposed = vector.SdkExposed;
        string reserialized = JsonSerializer.Serialize(message, LiveJsonContext.Create().LiveServerMessage);
        if (vertex)
        {
            reserialized = JsonAssert.Without(reserialized, "someFutureField");
        }

        JsonAssert.Equal(exposed.GetProperty("message"), reserialized);
        JsonElement getters = exposed.GetProperty("getters");
        Assert.Equal(getters.GetProperty("text").GetString(), message.Text);
        Assert.Equal(getters.GetProperty("data").GetString(), message.Data is { } data ? Convert.ToBase64String(data.Span) : null);
        TypedChecks[vector.Name](message);
        Assert.False(string.IsNullOrEmpty(frameType));
    }

    private static string Pretty(JsonElement element) => Write(element, indented: true);

    private static string Compact(JsonElement element) => Write(element, indented: false);

    private static string Write(JsonElement element, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
