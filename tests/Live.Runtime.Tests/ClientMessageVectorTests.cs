using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Runtime.Tests.Infrastructure;

namespace Live.Runtime.Tests;

/// <summary>The <c>client_content_*</c>, <c>realtime_*</c>, <c>tool_response_*</c> and <c>context_update</c> vectors.</summary>
public class ClientMessageVectorTests
{
    // ---- clientContent ----

    [Fact]
    public Task Client_content_string() =>
        AssertFrameAsync("client_content_string", s => s.SendClientContentAsync("Hello", turnComplete: true));

    [Fact]
    public Task Client_content_single_content() =>
        AssertFrameAsync("client_content_single_content", s => s.SendClientContentAsync(
            new Content { Role = "user", Parts = [Part.FromText("What is the weather in Paris?")] }, turnComplete: true));

    [Fact]
    public Task Client_content_history_incomplete() =>
        AssertFrameAsync("client_content_history_incomplete", s => s.SendClientContentAsync(
            [
                new Content { Role = "user", Parts = [Part.FromText("My name is Ada.")] },
                new Content { Role = "model", Parts = [Part.FromText("Nice to meet you, Ada.")] },
                new Content { Role = "user", Parts = [Part.FromText("Remember that.")] },
            ],
            turnComplete: false));

    [Fact]
    public Task Client_content_parts_list() =>
        AssertFrameAsync("client_content_parts_list", s => s.SendClientContentAsync(
            [Part.FromText("Part one."), Part.FromText("Part two.")], turnComplete: true));

    [Fact]
    public Task Client_content_inline_data() =>
        AssertFrameAsync("client_content_inline_data", s => s.SendClientContentAsync(
            new Content
            {
                Role = "user",
                Parts = [Part.FromText("Describe this."), Part.FromBytes(Vector.Load("client_content_inline_data").Bytes, "image/jpeg")],
            },
            turnComplete: true));

    [Fact]
    public Task Client_content_function_response_part()
    {
        using JsonDocument args = JsonDocument.Parse("""{"city":"Paris"}""");
        var call = new FunctionCall { Id = "fc-0", Name = "get_weather", Args = args.RootElement.Clone() };
        var response = new FunctionResponse
        {
            Id = "fc-0",
            Name = "get_weather",
            Response = new JsonObject { ["output"] = new JsonObject { ["temp_c"] = 18 } },
        };
        return AssertFrameAsync("client_content_function_response_part", s => s.SendClientContentAsync(
            [
                new Content { Role = "model", Parts = [new Part { FunctionCall = call }] },
                new Content { Role = "user", Parts = [new Part { FunctionResponse = response }] },
            ],
            turnComplete: false));
    }

    [Fact]
    public Task Client_content_no_turns() =>
        AssertFrameAsync("client_content_no_turns", s => s.SendClientContentAsync(turns: null, turnComplete: true));

    [Fact]
    public Task Client_content_no_turns_incomplete() =>
        AssertFrameAsync("client_content_no_turns_incomplete", s => s.SendClientContentAsync(turnComplete: false));

    [Fact]
    public Task Client_content_function_call_part_unwrapped_error() =>
        AssertRefusedAsync<ArgumentException>(
            "client_content_function_call_part_unwrapped_error",
            s => s.SendClientContentAsync([new Part { FunctionCall = new FunctionCall { Name = "f" } }], turnComplete: true),
            "functionCall");

    [Fact]
    public async Task Client_content_empty_turns_is_refused()
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => session.SendClientContentAsync(Array.Empty<Content>(), turnComplete: true));
            Assert.Single(transport.SentFrames);
        }
    }

    // ---- realtimeInput ----

    [Fact]
    public async Task Realtime_audio()
    {
        Vector vector = Vector.Load("realtime_audio");
        await AssertFrameAsync(vector.Name, s => s.SendAudioAsync(vector.Bytes, "audio/pcm;rate=16000"));
        await AssertFrameAsync(vector.Name, s => s.SendRealtimeInputAsync(
            new LiveSendRealtimeInputParameters { Audio = new Blob(vector.Bytes, "audio/pcm;rate=16000") }));
    }

    [Fact]
    public async Task Realtime_video()
    {
        Vector vector = Vector.Load("realtime_video");
        await AssertFrameAsync(vector.Name, s => s.SendVideoAsync(vector.Bytes, "image/jpeg"));
        await AssertFrameAsync(vector.Name, s => s.SendRealtimeInputAsync(
            new LiveSendRealtimeInputParameters { Video = new Blob(vector.Bytes, "image/jpeg") }));
    }

    [Fact]
    public async Task Realtime_text()
    {
        const string Text = "Hello there 👋 — ça va?";
        Vector vector = Vector.Load("realtime_text");
        string raw = await SendAndCaptureAsync(s => s.SendTextAsync(Text));

        // Byte for byte: non-ASCII (the emoji included) written raw, not \u-escaped.
        Assert.Equal(vector.Root.GetProperty("frame_raw").GetString(), raw);
        JsonAssert.Equal(vector.Frame, raw);
    }

    [Fact]
    public Task Realtime_activity_start() => AssertFrameAsync("realtime_activity_start", s => s.SendActivityStartAsync());

    [Fact]
    public Task Realtime_activity_end() => AssertFrameAsync("realtime_activity_end", s => s.SendActivityEndAsync());

    [Fact]
    public Task Realtime_audio_stream_end() => AssertFrameAsync("realtime_audio_stream_end", s => s.SendAudioStreamEndAsync());

    [Fact]
    public async Task Realtime_media_chunks_deprecated()
    {
        Vector vector = Vector.Load("realtime_media_chunks_deprecated");
        await AssertFrameAsync(vector.Name, s => s.SendRealtimeInputAsync([new Blob(vector.Bytes, "audio/pcm;rate=16000")]));
        await AssertFrameAsync(vector.Name, s => s.SendRealtimeInputAsync(
            new LiveSendRealtimeInputParameters { Media = new Blob(vector.Bytes, "audio/pcm;rate=16000") }));
    }

    [Fact]
    public Task Realtime_multiple_fields() =>
        AssertFrameAsync("realtime_multiple_fields", s => s.SendRealtimeInputAsync(new LiveSendRealtimeInputParameters
        {
            Audio = new Blob(Vector.Load("realtime_audio").Bytes, "audio/pcm;rate=16000"),
            Text = "and this",
        }));

    [Fact]
    public async Task Realtime_audio_wrong_mime_error()
    {
        byte[] data = Vector.Load("realtime_audio").Bytes;
        await AssertRefusedAsync<ArgumentException>(
            "realtime_audio_wrong_mime_error",
            s => s.SendRealtimeInputAsync(new LiveSendRealtimeInputParameters { Audio = new Blob(data, "image/png") }),
            "Unsupported mime type: image/png");
        await AssertRefusedAsync<ArgumentException>("realtime_audio_wrong_mime_error", s => s.SendAudioAsync(data, "image/png"), "image/png");
        await AssertRefusedAsync<ArgumentException>(
            "realtime_audio_wrong_mime_error",
            s => s.SendRealtimeInputAsync(new LiveSendRealtimeInputParameters { Video = new Blob(data, "audio/pcm") }),
            "audio/pcm");
    }

    [Fact]
    public async Task Realtime_input_with_nothing_set_is_refused()
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => session.SendRealtimeInputAsync(new LiveSendRealtimeInputParameters()));
            await Assert.ThrowsAsync<ArgumentException>(() => session.SendRealtimeInputAsync(Array.Empty<Blob>()));
            Assert.Single(transport.SentFrames);
        }
    }

    // ---- toolResponse ----

    [Fact]
    public Task Tool_response_single() =>
        AssertFrameAsync("tool_response_single", s => s.SendToolResponseAsync(new FunctionResponse
        {
            Id = "function-call-1",
            Name = "get_weather",
            Response = new JsonObject { ["output"] = new JsonObject { ["temp_c"] = 18, ["sky"] = "clear" } },
        }));

    [Fact]
    public Task Tool_response_multiple() =>
        AssertFrameAsync("tool_response_multiple", s => s.SendToolResponseAsync(
            [
                new FunctionResponse { Id = "function-call-1", Name = "get_weather", Response = new JsonObject { ["output"] = "Sunny, 18 C" } },
                FunctionResponse.FromError("function-call-2", "stop_timer", "No timer is running."),
            ],
            CancellationToken.None));

    [Fact]
    public Task Tool_response_scheduling()
    {
        // The middle response is pre-serialized UTF-8, as the generated dispatchers write it.
        FunctionResponse progress = FunctionResponse.FromUtf8Json("function-call-4", "lookup_order", """{"output":{"progress":50}}"""u8.ToArray());
        progress.Scheduling = FunctionResponseScheduling.WhenIdle;
        progress.WillContinue = true;
        return AssertFrameAsync("tool_response_scheduling", s => s.SendToolResponseAsync(
            new FunctionResponse
            {
                Id = "function-call-3",
                Name = "lookup_order",
                Response = new JsonObject { ["output"] = new JsonObject { ["status"] = "shipped" } },
                Scheduling = FunctionResponseScheduling.Interrupt,
            },
            progress,
            new FunctionResponse
            {
                Id = "function-call-4",
                Name = "lookup_order",
                Response = [],
                Scheduling = FunctionResponseScheduling.Silent,
                WillContinue = false,
            }));
    }

    [Fact]
    public Task Tool_response_missing_id_error() =>
        AssertRefusedAsync<ArgumentException>(
            "tool_response_missing_id_error",
            s => s.SendToolResponseAsync(new FunctionResponse { Name = "get_weather", Response = new JsonObject { ["output"] = "x" } }),
            "id");

    [Fact]
    public Task Tool_response_empty_error() =>
        AssertRefusedAsync<ArgumentException>("tool_response_empty_error", s => s.SendToolResponseAsync(), "functionResponses is required");

    [Fact]
    public async Task Tool_response_vertex_without_id()
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectVertexAsync();
        await using (session)
        {
            await session.SendToolResponseAsync(new FunctionResponse { Name = "get_weather", Response = new JsonObject { ["output"] = "Sunny" } });
            JsonAssert.Equal(Vector.Load("tool_response_vertex_without_id").Frame, transport.SentFrames[1]);
        }
    }

    // ---- contextUpdate ----

    [Fact]
    public Task Context_update() =>
        AssertFrameAsync("context_update", s => s.SendContextUpdateAsync(new LiveContextUpdate
        {
            SystemInstruction = "Now answer in French.",
            Tools =
            [
                Tool.FromFunctions(new FunctionDeclaration
                {
                    Name = "translate",
                    Parameters = new Schema
                    {
                        Type = SchemaType.Object,
                        Properties = new Dictionary<string, Schema> { ["text"] = new() { Type = SchemaType.String } },
                    },
                }),
            ],
        }));

    [Fact]
    public async Task Context_update_empty_tools_clears_and_absent_tools_are_unchanged()
    {
        string cleared = await SendAndCaptureAsync(s => s.SendContextUpdateAsync(new LiveContextUpdate { Tools = [] }));
        JsonAssert.Equal("""{"contextUpdate":{"tools":{"tools":[]}}}""", cleared);
        string instructionOnly = await SendAndCaptureAsync(s => s.SendContextUpdateAsync(new LiveContextUpdate { SystemInstruction = "Hi" }));
        JsonAssert.Equal("""{"contextUpdate":{"systemInstruction":{"parts":[{"text":"Hi"}],"role":"user"}}}""", instructionOnly);
    }

    private static async Task<string> SendAndCaptureAsync(Func<AsyncSession, Task> send)
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            await send(session);
            Assert.Equal(2, transport.SentFrames.Count);
            return transport.SentFrames[1];
        }
    }

    private static async Task AssertFrameAsync(string vectorName, Func<AsyncSession, Task> send) =>
        JsonAssert.Equal(Vector.Load(vectorName).Frame, await SendAndCaptureAsync(send));

    private static async Task AssertRefusedAsync<TException>(string vectorName, Func<AsyncSession, Task> send, string messagePart)
        where TException : Exception
    {
        Vector vector = Vector.Load(vectorName);
        Assert.Equal(JsonValueKind.Null, vector.Frame.ValueKind); // the official client sent nothing either
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            var ex = await Assert.ThrowsAsync<TException>(() => send(session));
            Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
            Assert.Single(transport.SentFrames); // only the setup
            Assert.False(session.IsClosed);
        }
    }
}
