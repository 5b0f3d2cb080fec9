using System.Text.Json;
using Live.Runtime.Tests.Infrastructure;

namespace Live.Runtime.Tests;

/// <summary>The <c>setup_*</c> vectors and <c>afc_callable_tool_not_invoked</c>: the setup frame of the matching C# configuration.</summary>
public class SetupVectorTests
{
    [Fact]
    public async Task Setup_minimal()
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            JsonAssert.Equal(Vector.Load("setup_minimal").Frame, transport.SentFrames[0]);
        }
    }

    [Fact]
    public async Task Setup_rich_text()
    {
        var config = new LiveConnectConfig
        {
            ResponseModalities = [Modality.Text],
            SystemInstruction = "You are a terse assistant.",
            Temperature = 0.7,
            TopP = 0.95,
            TopK = 40,
            MaxOutputTokens = 1024,
            Seed = 42,
            MediaResolution = MediaResolution.Low,
            Tools =
            [
                Tool.FromFunctions(
                    new FunctionDeclaration
                    {
                        Name = "get_weather",
                        Description = "Get the current weather for a city.",
                        Parameters = new Schema
                        {
                            Type = SchemaType.Object,
                            Properties = new Dictionary<string, Schema>
                            {
                                ["city"] = new() { Type = SchemaType.String, Description = "City name, e.g. Paris" },
                                ["unit"] = new() { Type = SchemaType.String, Enum = ["celsius", "fahrenheit"], Description = "Temperature unit" },
                                ["days"] = new() { Type = SchemaType.Integer, Description = "Forecast days", Minimum = 1, Maximum = 7 },
                                ["threshold"] = new() { Type = SchemaType.Number, Format = "float", Nullable = true },
                                ["include_hourly"] = new() { Type = SchemaType.Boolean },
                                ["tags"] = new() { Type = SchemaType.Array, Items = new Schema { Type = SchemaType.String }, MaxItems = 5 },
                                ["location"] = new()
                                {
                                    Type = SchemaType.Object,
                                    Properties = new Dictionary<string, Schema>
                                    {
                                        ["lat"] = new() { Type = SchemaType.Number },
                                        ["lon"] = new() { Type = SchemaType.Number },
                                    },
                                    Required = ["lat", "lon"],
                                    PropertyOrdering = ["lat", "lon"],
                                },
                            },
                            Required = ["city"],
                        },
                    },
                    new FunctionDeclaration { Name = "stop_timer", Description = "A function without parameters." }),
                new Tool { GoogleSearch = new GoogleSearch() },
                new Tool { CodeExecution = new ToolCodeExecution() },
            ],
            InputAudioTranscription = new AudioTranscriptionConfig(),
            OutputAudioTranscription = new AudioTranscriptionConfig(),
            RealtimeInputConfig = new RealtimeInputConfig
            {
                AutomaticActivityDetection = new AutomaticActivityDetection
                {
                    Disabled = false,
                    StartOfSpeechSensitivity = StartSensitivity.Low,
                    EndOfSpeechSensitivity = EndSensitivity.High,
                    PrefixPaddingMs = 20,
                    SilenceDurationMs = 500,
                },
                ActivityHandling = ActivityHandling.StartOfActivityInterrupts,
                TurnCoverage = TurnCoverage.TurnIncludesOnlyActivity,
            },
            ContextWindowCompression = new ContextWindowCompressionConfig
            {
                TriggerTokens = 25600,
                SlidingWindow = new SlidingWindow { TargetTokens = 12800 },
            },
            SessionResumption = new SessionResumptionConfig(),
        };

        await AssertSetupAsync("setup_rich_text", config);
    }

    [Fact]
    public async Task Setup_rich_audio()
    {
        using JsonDocument lookupSchema = JsonDocument.Parse("""
            {"type":"object","properties":{"order_id":{"type":"string"},"verbose":{"type":"boolean"}},"required":["order_id"],"additionalProperties":false}
            """);
        var config = new LiveConnectConfig
        {
            ResponseModalities = [Modality.Audio],
            SystemInstruction = new Content { Parts = [Part.FromText("You are a helpful voice assistant."), Part.FromText("Answer briefly.")] },
            SpeechConfig = new SpeechConfig
            {
                VoiceConfig = new VoiceConfig { PrebuiltVoiceConfig = new PrebuiltVoiceConfig { VoiceName = "Kore" } },
                LanguageCode = "en-US",
            },
            EnableAffectiveDialog = true,
            Proactivity = new ProactivityConfig { ProactiveAudio = true },
            ThinkingConfig = new ThinkingConfig { ThinkingBudget = 1024, IncludeThoughts = false },
            Tools =
            [
                Tool.FromFunctions(
                    new FunctionDeclaration
                    {
                        Name = "lookup_order",
                        Description = "Look up an order by id.",
                        Behavior = Behavior.NonBlocking,
                        ParametersJsonSchema = lookupSchema.RootElement.Clone(),
                    },
                    new FunctionDeclaration
                    {
                        Name = "ping",
                        Behavior = Behavior.Blocking,
                        Parameters = new Schema
                        {
                            Type = SchemaType.Object,
                            Properties = new Dictionary<string, Schema> { ["n"] = new() { Type = SchemaType.Integer } },
                        },
                    }),
            ],
            SessionResumption = new SessionResumptionConfig { Handle = "previous-session-handle" },
            OutputAudioTranscription = new AudioTranscriptionConfig(),
        };

        await AssertSetupAsync("setup_rich_audio", config);
    }

    [Fact]
    public async Task Setup_schema_normalization()
    {
        // The caller's raw JSON Schemas, exactly as the vector's sdk_input gives them.
        JsonElement declarations = Vector.Load("setup_schema_normalization").SdkInput
            .GetProperty("config").GetProperty("tools")[0].GetProperty("functionDeclarations");
        var config = new LiveConnectConfig
        {
            ResponseModalities = [Modality.Text],
            Tools =
            [
                Tool.FromFunctions(
                    GeminiSchema.CreateFunctionDeclaration("normalize_me", null, declarations[0].GetProperty("parameters")),
                    GeminiSchema.CreateFunctionDeclaration("with_dollar_schema", null, declarations[1].GetProperty("parameters"))),
            ],
        };

        await AssertSetupAsync("setup_schema_normalization", config);
    }

    [Fact]
    public async Task Setup_deprecated_generation_config()
    {
        var config = new LiveConnectConfig
        {
            GenerationConfig = new GenerationConfig { Temperature = 0.2, CandidateCount = 1 },
            TopK = 20,
            ResponseModalities = [Modality.Text],
        };

        await AssertSetupAsync("setup_deprecated_generation_config", config);
        Assert.Null(config.GenerationConfig.TopK); // the caller's object is not changed
    }

    [Fact]
    public async Task Setup_generation_config_conflict_error()
    {
        var transport = new InMemoryTransport();
        var client = new Client(TestClients.GeminiOptions(transport));
        var config = new LiveConnectConfig { GenerationConfig = new GenerationConfig { Temperature = 0.2 }, Temperature = 0.9 };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Live.ConnectAsync(TestClients.GeminiModel, config));
        Assert.Contains("Cannot set value for an existing key. Key: temperature", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, transport.ConnectCount); // validated before connecting
        Assert.Empty(transport.SentFrames);
    }

    [Fact]
    public async Task Setup_same_value_in_both_places_is_not_a_conflict()
    {
        var config = new LiveConnectConfig { GenerationConfig = new GenerationConfig { Temperature = 0.2 }, Temperature = 0.2 };
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync(config);
        await using (session)
        {
            JsonAssert.Equal("""{"setup":{"model":"models/gemini-live-2.5-flash-preview","generationConfig":{"temperature":0.2}}}""", transport.SentFrames[0]);
        }
    }

    [Fact]
    public async Task Setup_vertex_only_fields()
    {
        LiveConnectConfig Config() => new()
        {
            ResponseModalities = [Modality.Audio],
            SessionResumption = new SessionResumptionConfig { Transparent = true },
            ExplicitVadSignal = true,
        };

        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectVertexAsync(Config());
        await using (session)
        {
            JsonAssert.Equal(Vector.Load("setup_vertex_only_fields").Frame, transport.SentFrames[0]);
        }

        // The same configuration on the Gemini API is refused before connecting.
        var geminiTransport = new InMemoryTransport();
        var gemini = new Client(TestClients.GeminiOptions(geminiTransport));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => gemini.Live.ConnectAsync(TestClients.GeminiModel, Config()));
        Assert.Contains("Vertex AI", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, geminiTransport.ConnectCount);
    }

    [Fact]
    public async Task Afc_callable_tool_not_invoked()
    {
        var config = new LiveConnectConfig
        {
            ResponseModalities = [Modality.Text],
            Tools =
            [
                Tool.FromFunctions(new FunctionDeclaration
                {
                    Name = "get_time",
                    Description = "Current time.",
                    Parameters = new Schema
                    {
                        Type = SchemaType.Object,
                        Properties = new Dictionary<string, Schema> { ["tz"] = new() { Type = SchemaType.String } },
                    },
                }),
            ],
        };
        Vector vector = Vector.Load("afc_callable_tool_not_invoked");
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync(config);
        await using (session)
        {
            JsonAssert.Equal(vector.Frame, transport.SentFrames[0]);
            Assert.Same(config, session.Config);

            // The tool call is handed to the reader; the session itself answers nothing.
            transport.EnqueueBinary(vector.Root.GetProperty("observed").GetProperty("server_sent").GetRawText());
            Assert.NotNull((await session.NextAsync()).SetupComplete);
            LiveServerMessage toolCall = await session.NextAsync();
            Assert.Equal("function-call-1", toolCall.ToolCall!.FunctionCalls![0].Id);
            Assert.Equal("UTC", toolCall.ToolCall.FunctionCalls[0].Args!.Value.GetProperty("tz").GetString());
            await Task.Delay(100);
            Assert.Single(transport.SentFrames);
        }
    }

    [Fact]
    public async Task Setup_vertex_adds_audio_modality_only_when_unset()
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectVertexAsync(new LiveConnectConfig { ResponseModalities = [Modality.Text] });
        await using (session)
        {
            Assert.Contains("\"responseModalities\":[\"TEXT\"]", transport.SentFrames[0], StringComparison.Ordinal);
        }
    }

    private static async Task AssertSetupAsync(string vectorName, LiveConnectConfig config)
    {
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync(config);
        await using (session)
        {
            JsonAssert.Equal(Vector.Load(vectorName).Frame, transport.SentFrames[0]);
        }
    }
}
