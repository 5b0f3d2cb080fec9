using System.Net.WebSockets;

namespace Live.Testing.Tests;

public sealed class SetupValidationTests
{
    private const string Model = "models/gemini-live-2.5-flash-preview";

    private static async Task<RawLiveClient.Received> SetupAndReadAsync(LiveEmulator emulator, string setupFrame)
    {
        await using RawLiveClient client = await RawLiveClient.ConnectAsync(emulator);
        await client.SendAsync(setupFrame);
        return await client.ReceiveAsync();
    }

    [Fact]
    public async Task Valid_setup_is_answered_with_setupComplete_in_a_pretty_printed_binary_frame()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        RawLiveClient.Received reply = await SetupAndReadAsync(emulator, $$$"""{"setup":{"model":"{{{Model}}}"}}""");

        Assert.Equal(WebSocketMessageType.Binary, reply.Type);
        Assert.True(reply.Has("setupComplete"));
        Assert.EndsWith("\n", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\n  \"setupComplete\"", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_frame_option_sends_compact_text_frames()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { ServerFramesAsText = true, IndentServerFrames = false });

        RawLiveClient.Received reply = await SetupAndReadAsync(emulator, $$$"""{"setup":{"model":"{{{Model}}}"}}""");

        Assert.Equal(WebSocketMessageType.Text, reply.Type);
        Assert.Equal("""{"setupComplete":{}}""", reply.Text);
    }

    [Theory]
    [InlineData("""{"model":"M","temprature":0.5}""", "temprature", "'setup'")]
    [InlineData("""{"model":"M","generationConfig":{"responseModalities":["TEXT"],"topQ":1}}""", "topQ", "setup.generation_config")]
    [InlineData("""{"model":"M","generation_config":{"speech_config":{"voice_config":{"prebuilt_voice_config":{"voice":"Kore"}}}}}""", "voice", "voice_config.prebuilt_voice_config'")]
    [InlineData("""{"model":"M","tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT","properties":{"a":{"type":"STRING","additionalProperties":false}}}}]}]}""", "additionalProperties", "properties[a]")]
    [InlineData("""{"model":"M","realtimeInputConfig":{"automaticActivityDetection":{"silenceMs":5}}}""", "silenceMs", "automatic_activity_detection")]
    public async Task Unknown_setup_field_closes_with_1007_naming_the_field(string setupBody, string field, string where)
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        RawLiveClient.Received reply = await SetupAndReadAsync(emulator, $$"""{"setup":{{setupBody.Replace("\"M\"", $"\"{Model}\"", StringComparison.Ordinal)}}}""");

        Assert.True(reply.IsClose, $"expected a close frame, got {reply.Text}");
        Assert.Equal(1007, reply.CloseStatus);
        Assert.Contains($"Unknown name \"{field}\"", reply.CloseReason, StringComparison.Ordinal);
        Assert.Contains(where, reply.CloseReason, StringComparison.Ordinal);
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal(1007, connection.ServerCloseStatus);
        Assert.Null(connection.SetupFrame);
    }

    [Theory]
    [InlineData("""{"model":"M","generationConfig":{"temperature":"hot"}}""", "setup.generation_config.temperature", "TYPE_FLOAT")]
    [InlineData("""{"model":"M","generationConfig":{"topK":1.5}}""", "setup.generation_config.top_k", "TYPE_INT32")]
    [InlineData("""{"model":"M","generationConfig":{"responseModalities":["VIDEO"]}}""", "setup.generation_config.response_modalities[0]", "TYPE_ENUM")]
    [InlineData("""{"model":"M","generationConfig":{"responseModalities":"TEXT"}}""", "setup.generation_config.response_modalities", "list of TYPE_ENUM")]
    [InlineData("""{"model":"M","systemInstruction":"Be terse."}""", "setup.system_instruction", "Content")]
    [InlineData("""{"model":"M","contextWindowCompression":{"triggerTokens":"many"}}""", "setup.context_window_compression.trigger_tokens", "TYPE_INT64")]
    [InlineData("""{"model":"M","sessionResumption":{"transparent":"yes"}}""", "setup.session_resumption.transparent", "TYPE_BOOL")]
    [InlineData("""{"model":"M","tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"object"}}]}]}""", "parameters.type", "TYPE_ENUM")]
    [InlineData("""{"model":"M","systemInstruction":{"parts":[{"inlineData":{"mimeType":"image/png","data":"not base64!"}}]}}""", "inline_data.data", "TYPE_BYTES")]
    public async Task Malformed_setup_value_closes_with_1007_naming_the_field(string setupBody, string path, string type)
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        RawLiveClient.Received reply = await SetupAndReadAsync(emulator, $$"""{"setup":{{setupBody.Replace("\"M\"", $"\"{Model}\"", StringComparison.Ordinal)}}}""");

        Assert.True(reply.IsClose, $"expected a close frame, got {reply.Text}");
        Assert.Equal(1007, reply.CloseStatus);
        Assert.Contains(path, reply.CloseReason, StringComparison.Ordinal);
        Assert.Contains(type, reply.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snake_case_setup_as_the_Python_client_sends_it_is_accepted()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        RawLiveClient.Received reply = await SetupAndReadAsync(emulator, $$$$"""
            {"setup":{"model":"{{{{Model}}}}",
              "generation_config":{"response_modalities":["AUDIO"],"speech_config":{"voice_config":{"prebuilt_voice_config":{"voice_name":"Kore"}}},"thinking_config":{"thinking_budget":0}},
              "realtime_input_config":{"automatic_activity_detection":{"disabled":true,"prefix_padding_ms":20}},
              "session_resumption":{"handle":"h-1"},
              "context_window_compression":{"sliding_window":{"target_tokens":"1000"}},
              "tools":[{"function_declarations":[{"name":"get_weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"property_ordering":["city"]}}]}]}}
            """);

        Assert.True(reply.Has("setupComplete"), reply.IsClose ? $"closed {reply.CloseStatus}: {reply.CloseReason}" : reply.Text);
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal("h-1", connection.ResumptionHandle);
        Assert.True(connection.ResumptionEnabled);
        Assert.Equal(["get_weather"], connection.FunctionNames);
        Assert.Equal(["AUDIO"], connection.ResponseModalities);
    }

    [Fact]
    public async Task The_same_field_in_both_spellings_is_a_duplicate()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        RawLiveClient.Received reply = await SetupAndReadAsync(emulator, $$$$"""{"setup":{"model":"{{{{Model}}}}","generationConfig":{},"generation_config":{}}}""");

        Assert.Equal(1007, reply.CloseStatus);
        Assert.Contains("Duplicate field \"generation_config\"", reply.CloseReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"clientContent":{"turnComplete":true}}""", "the first message must be \"setup\"")]
    [InlineData("this is not JSON", "Invalid JSON payload received.")]
    [InlineData("""{"setup":{"model":"M"},"clientContent":{}}""", "Only one of")]
    [InlineData("""{"setup":{}}""", "setup.model is required")]
    [InlineData("""{"setup":{"model":"gemini-live-2.5-flash-preview"}}""", "must be \"models/{model}\"")]
    [InlineData("""{"setup":{"model":"M","tools":[{"functionDeclarations":[{"name":"1bad name"}]}]}}""", "Invalid function name \"1bad name\"")]
    [InlineData("""{"setup":{"model":"M","tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT"},"parametersJsonSchema":{}}]}]}}""", "sets both")]
    public async Task Invalid_first_frames_close_with_1007(string frame, string reasonPart)
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        RawLiveClient.Received reply = await SetupAndReadAsync(emulator, frame.Replace("\"M\"", $"\"{Model}\"", StringComparison.Ordinal));

        Assert.Equal(1007, reply.CloseStatus);
        Assert.Contains(reasonPart, reply.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_reasons_fit_in_a_close_frame_and_keep_the_field_name()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        string deep = """{"type":"OBJECT","properties":{"aaaaaaaaaaaaaaaaaaaaaaaa":{"type":"OBJECT","properties":{"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb":{"type":"STRING","wrongField":1}}}}}""";

        RawLiveClient.Received reply = await SetupAndReadAsync(
            emulator,
            $$$$"""{"setup":{"model":"{{{{Model}}}}","tools":[{"functionDeclarations":[{"name":"f","parameters":{{{{deep}}}}}]}]}}""");

        Assert.Equal(1007, reply.CloseStatus);
        Assert.Contains("\"wrongField\"", reply.CloseReason, StringComparison.Ordinal);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(reply.CloseReason!) <= 123);
    }

    [Fact]
    public async Task A_model_the_emulator_does_not_serve_closes_with_1008()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { Models = ["gemini-live-2.5-flash-preview"] });

        RawLiveClient.Received reply = await SetupAndReadAsync(emulator, """{"setup":{"model":"models/no-such-model"}}""");

        Assert.Equal(1008, reply.CloseStatus);
        Assert.Contains("models/no-such-model is not found", reply.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frames_after_setup_are_validated_too()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync("""{"clientContent":{"turns":[{"role":"user","parts":[{"txt":"hi"}]}],"turnComplete":true}}""");
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1007, reply.CloseStatus);
        Assert.Contains("Unknown name \"txt\" at 'client_content.turns[0].parts[0]'", reply.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_setup_closes_with_1007()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync($$$"""{"setup":{"model":"{{{Model}}}"}}""");
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1007, reply.CloseStatus);
        Assert.Contains("only once", reply.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_larger_than_the_limit_closes_with_1009()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { MaxClientMessageBytes = 1024 });
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync($$$"""{"realtimeInput":{"text":"{{{new string('x', 4096)}}}"}}""");
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1009, reply.CloseStatus);
    }

    [Fact]
    public async Task Url_safe_unpadded_base64_as_the_Python_client_sends_it_is_accepted_and_decoded()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);
        byte[] pcm = [0xFB, 0xEF, 0xBE, 0xFF, 0xFF, 0xFE, 0x01];
        string urlSafe = Convert.ToBase64String(pcm).Replace('+', '-').Replace('/', '_').TrimEnd('=');

        await client.SendAsync($$$$"""{"realtime_input":{"audio":{"mime_type":"audio/pcm;rate=16000","data":"{{{{urlSafe}}}}"}}}""");
        EmulatorFrame frame = await emulator.WaitForFrameAsync(f => f.Kind == ClientMessageKind.RealtimeInput);

        Assert.Contains('-', urlSafe);
        Assert.Equal(pcm, frame.Audio);
        Assert.Equal("realtimeInput", frame.MessageType);
        Assert.True(emulator.Connections[0].IsOpen);
    }

    [Fact]
    public async Task Frames_after_setup_are_not_validated_when_turned_off()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { ValidateClientMessages = false });
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync("""{"clientContent":{"futureField":true,"turnComplete":true}}""");
        EmulatorFrame frame = await emulator.WaitForFrameAsync(FrameMatcher.ClientContent());

        Assert.True(frame.TurnComplete);
        Assert.Null(emulator.Connections[0].ServerCloseStatus);
    }
}
