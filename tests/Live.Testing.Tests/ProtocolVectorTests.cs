using System.Text.Json;
using System.Text.Json.Nodes;
using static Live.Testing.ServerMessage;

namespace Live.Testing.Tests;

/// <summary>The emulator against the golden vectors of the official client (protocol reference, copied to Vectors/).</summary>
public sealed class ProtocolVectorTests
{
    private static readonly string s_vectors = Path.Combine(AppContext.BaseDirectory, "Vectors");

    private static JsonNode Vector(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(s_vectors, name + ".json")))!;

    /// <summary>Every frame the official client put on the wire for the Gemini API (Vertex model names excluded).</summary>
    public static TheoryData<string> GeminiClientFrames()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(s_vectors, "*.json").Order(StringComparer.Ordinal))
        {
            JsonNode vector = JsonNode.Parse(File.ReadAllText(file))!;
            if ((string?)vector["direction"] == "client_to_server" && (string?)vector["frame_type"] == "text" && vector["frame"] is JsonObject frame
                && !(frame["setup"]?["model"]?.GetValue<string>().StartsWith("models/", StringComparison.Ordinal) == false))
            {
                data.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        return data;
    }

    [Fact]
    public void The_vectors_are_there()
    {
        Assert.True(GeminiClientFrames().Count >= 30, $"expected the client vectors in {s_vectors}");
    }

    [Theory]
    [MemberData(nameof(GeminiClientFrames))]
    public void Every_frame_of_the_official_client_is_valid(string vector)
    {
        using JsonDocument frame = JsonDocument.Parse(Vector(vector)["frame"]!.ToJsonString());

        string? envelopeError = ClientMessageValidator.ValidateEnvelope(frame.RootElement, out string? messageType);
        Assert.Null(envelopeError);
        string? bodyError = ClientMessageValidator.ValidateBody(messageType!, frame.RootElement.GetProperty(messageType!));

        Assert.Null(bodyError);
    }

    [Fact]
    public async Task The_richest_setup_of_the_official_client_is_answered_over_the_wire()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using RawLiveClient client = await RawLiveClient.ConnectAsync(emulator);

        await client.SendAsync(Vector("setup_rich_text")["frame"]!.ToJsonString());

        Assert.True((await client.ReceiveAsync()).Has("setupComplete"));
        Assert.Equal(["get_weather", "stop_timer"], emulator.Connections[0].FunctionNames);
    }

    [Theory]
    [InlineData("setup_rich_text", "setup.generationConfig", "candidateCounts")]
    [InlineData("setup_rich_audio", "setup.generationConfig.speechConfig", "voice")]
    [InlineData("setup_rich_text", "setup.realtimeInputConfig.automaticActivityDetection", "sensitivity")]
    [InlineData("tool_response_single", "toolResponse.functionResponses.0", "result")]
    [InlineData("realtime_audio", "realtimeInput.audio", "rate")]
    [InlineData("context_update", "contextUpdate.tools", "functionDeclarations")]
    public void An_unknown_field_added_to_a_real_frame_is_named_in_the_error(string vector, string at, string field)
    {
        JsonNode frame = Vector(vector)["frame"]!;
        JsonNode target = frame;
        foreach (string step in at.Split('.'))
        {
            target = int.TryParse(step, out int index) ? target[index]! : target[step]!;
        }

        target.AsObject()[field] = 1;
        using JsonDocument document = JsonDocument.Parse(frame.ToJsonString());
        ClientMessageValidator.ValidateEnvelope(document.RootElement, out string? messageType);

        string? error = ClientMessageValidator.ValidateBody(messageType!, document.RootElement.GetProperty(messageType!));

        Assert.NotNull(error);
        Assert.Contains($"Unknown name \"{field}\"", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ServerMessages() => new()
    {
        { "server_setup_complete", SetupComplete().ToString() },
        { "server_content_turn_complete", TurnComplete().ToString() },
        { "server_content_generation_complete", GenerationComplete().ToString() },
        { "server_content_interrupted", Interrupted().ToString() },
        { "server_content_audio", Audio(Convert.FromBase64String("AAABAP///v8=")).ToString() },
        { "server_content_input_transcription", InputTranscription("Hello there.").ToString() },
        { "server_content_output_transcription", OutputTranscription("Hi!").ToString() },
        {
            "server_tool_call",
            ToolCall(
                new FunctionCall { Id = "function-call-1", Name = "get_weather", Args = JsonDocument.Parse("""{"city":"Paris","days":3}""").RootElement },
                new FunctionCall { Id = "function-call-2", Name = "stop_timer" }).ToString()
        },
        { "server_tool_call_cancellation", ToolCallCancellation("function-call-1").ToString() },
        { "server_go_away", GoAway(TimeSpan.FromSeconds(50)).ToString() },
        { "server_session_resumption_update", SessionResumptionUpdate("resume-handle-abc123").ToString() },
    };

    [Theory]
    [MemberData(nameof(ServerMessages))]
    public void Server_messages_are_what_the_official_client_was_fed(string vector, string message)
    {
        JsonNode expected = Vector(vector)["frame"]!;
        JsonNode actual = JsonNode.Parse(message)!;

        // Texts in the vectors differ from these samples; compare the shape with the texts taken from the vector.
        if (vector is "server_content_input_transcription" or "server_content_output_transcription")
        {
            Assert.Equal(Shape(expected), Shape(actual));
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
        }
    }

    [Fact]
    public void A_text_chunk_is_what_the_official_client_was_fed()
    {
        JsonNode expected = Vector("server_messages_before_setup_complete")["frame"]![0]!;

        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(Text("early").ToString())));
    }

    [Fact]
    public void Durations_are_written_as_protobuf_json()
    {
        Assert.Equal("""{"goAway":{"timeLeft":"0.5s"}}""", GoAway(TimeSpan.FromMilliseconds(500)).ToString());
        Assert.Equal("""{"goAway":{"timeLeft":"0s"}}""", GoAway(TimeSpan.Zero).ToString());
        Assert.Equal("""{"goAway":{"timeLeft":"90.000001s"}}""", GoAway(TimeSpan.FromSeconds(90) + TimeSpan.FromTicks(10)).ToString());
    }

    [Fact]
    public void Combined_messages_carry_both_keys()
    {
        string combined = TurnComplete().With(UsageMetadata(3, 4)).With(GenerationComplete()).ToString();

        Assert.Equal("""{"serverContent":{"turnComplete":true,"generationComplete":true},"usageMetadata":{"promptTokenCount":3,"responseTokenCount":4,"totalTokenCount":7}}""", combined);
        Assert.Throws<InvalidOperationException>(() => Raw("{}").With(TurnComplete()));
    }

    [Fact]
    public void Text_turns_split_into_the_chunks_asked_for_without_breaking_surrogate_pairs()
    {
        Assert.Equal(["a", "bc", "de"], ServerMessage.SplitText("abcde", 3));
        Assert.Equal(["a", "b"], ServerMessage.SplitText("ab", 5));
        Assert.Equal(["👋👋", "👋"], ServerMessage.SplitText("👋👋👋", 2));
        Assert.Equal(5, TextTurn("Hello world", 3).Count);
    }

    private static string Shape(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.Select(p => p.Key + ":" + Shape(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Shape)) + "]",
        null => "null",
        _ => node.GetValueKind().ToString(),
    };
}
