using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Wire;

namespace Live.Runtime.Tests.Infrastructure;

/// <summary>
/// Builds client messages for the writer's differential test: <see cref="Everything"/> sets every property of every
/// wire type; <see cref="Message"/> sets each property with probability <c>fill</c>, with awkward values (strings
/// that need escaping, lone surrogates, extreme numbers, nulls inside lists, nested schemas, raw JSON of every kind).
/// </summary>
internal sealed class MessageGenerator
{
    private static readonly string[] s_words =
    [
        "", "a", "get_weather", "Paris", "quote \" and \\ backslash", "line\nbreak\ttab\r", "control \u0001\u001f",
        "<html> & 'single' +plus", "caf\u00e9 \u4e2d\u6587", "emoji \ud83c\udf24", "lone \ud800 high", "lone \udc00 low",
        "\u2028\u2029 separators", "\u007f del", "null", "models/gemini-live-2.5-flash-preview",
    ];

    private static readonly string[] s_json =
    [
        "{}", "[]", "null", "true", "false", "0", "-0", "1e400", "3.14159", "-12345678901234567890", "\"text\"",
        "\"esc \\u0041 \\n \\\"q\\\"\"", """{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""",
        """[1,[2,[3,{"d":[4]}]],"\u00e9"]""", """{"nested":{"deeper":{"deepest":[true,null,1.5e-7]}}}""",
    ];

    private readonly Random _random;
    private readonly double _fill;
    private readonly bool _all;

    public MessageGenerator(Random random, double fill)
    {
        _random = random;
        _fill = fill;
        _all = fill >= 1.0;
    }

    /// <summary>A message with every member of every wire type set (lists of one or more).</summary>
    public LiveClientMessage Everything() => new()
    {
        Setup = Setup(),
        ClientContent = new LiveClientContent { Turns = [Content(), Content()], TurnComplete = true },
        RealtimeInput = RealtimeInput(),
        ToolResponse = new LiveClientToolResponse { FunctionResponses = [FunctionResponse(), FunctionResponse()] },
        ContextUpdate = new LiveClientContextUpdate { SystemInstruction = Content(), Tools = new LiveToolsUpdate { Tools = [Tool()] } },
    };

    /// <summary>A random message: one kind most of the time, sometimes several or none.</summary>
    public LiveClientMessage Message()
    {
        int kind = _random.Next(7);
        return new LiveClientMessage
        {
            Setup = kind is 0 or 5 || (kind == 6 && Set()) ? Setup() : null,
            ClientContent = kind is 1 || (kind == 6 && Set()) ? new LiveClientContent { Turns = Maybe(() => List(Content)), TurnComplete = _random.Next(2) == 0 } : null,
            RealtimeInput = kind is 2 || (kind == 6 && Set()) ? RealtimeInput() : null,
            ToolResponse = kind is 3 || (kind == 6 && Set()) ? new LiveClientToolResponse { FunctionResponses = Maybe(() => List(FunctionResponse)) } : null,
            ContextUpdate = kind is 4 || (kind == 6 && Set()) ? new LiveClientContextUpdate
            {
                SystemInstruction = Maybe(Content),
                Tools = Maybe(() => new LiveToolsUpdate { Tools = !_all && _random.Next(8) == 0 ? null! : List(Tool) }),
            } : null,
        };
    }

    private LiveClientSetup Setup() => new()
    {
        Model = Maybe(Word),
        GenerationConfig = Maybe(GenerationConfig),
        SystemInstruction = Maybe(Content),
        Tools = Maybe(() => List(Tool)),
        RealtimeInputConfig = Maybe(() => new RealtimeInputConfig
        {
            AutomaticActivityDetection = Maybe(() => new AutomaticActivityDetection
            {
                Disabled = MaybeValue(Bool),
                StartOfSpeechSensitivity = MaybeValue(() => (StartSensitivity)_random.Next(3)),
                EndOfSpeechSensitivity = MaybeValue(() => (EndSensitivity)_random.Next(3)),
                PrefixPaddingMs = MaybeValue(Int),
                SilenceDurationMs = MaybeValue(Int),
            }),
            ActivityHandling = MaybeValue(() => (ActivityHandling)_random.Next(3)),
            TurnCoverage = MaybeValue(() => (TurnCoverage)_random.Next(4)),
        }),
        SessionResumption = Maybe(() => new SessionResumptionConfig { Handle = Maybe(Word), Transparent = MaybeValue(Bool) }),
        ContextWindowCompression = Maybe(() => new ContextWindowCompressionConfig
        {
            TriggerTokens = MaybeValue(Long),
            SlidingWindow = Maybe(() => new SlidingWindow { TargetTokens = MaybeValue(Long) }),
        }),
        InputAudioTranscription = Maybe(AudioTranscriptionConfig),
        OutputAudioTranscription = Maybe(AudioTranscriptionConfig),
        Proactivity = Maybe(() => new ProactivityConfig { ProactiveAudio = MaybeValue(Bool) }),
        ExplicitVadSignal = MaybeValue(Bool),
        AdditionalProperties = Maybe(Extension),
    };

    private GenerationConfig GenerationConfig() => new()
    {
        ResponseModalities = Maybe(() => ValueList(() => (Modality)_random.Next(6))),
        Temperature = MaybeValue(Double),
        TopP = MaybeValue(Double),
        TopK = MaybeValue(Int),
        MaxOutputTokens = MaybeValue(Int),
        CandidateCount = MaybeValue(Int),
        Seed = MaybeValue(Int),
        MediaResolution = MaybeValue(() => (MediaResolution)_random.Next(4)),
        SpeechConfig = Maybe(() => new SpeechConfig
        {
            VoiceConfig = Maybe(() => new VoiceConfig { PrebuiltVoiceConfig = Maybe(() => new PrebuiltVoiceConfig { VoiceName = Maybe(Word) }) }),
            LanguageCode = Maybe(Word),
        }),
        ThinkingConfig = Maybe(() => new ThinkingConfig
        {
            ThinkingBudget = MaybeValue(Int),
            IncludeThoughts = MaybeValue(Bool),
            ThinkingLevel = MaybeValue(() => (ThinkingLevel)_random.Next(5)),
        }),
        EnableAffectiveDialog = MaybeValue(Bool),
        AdditionalProperties = Maybe(Extension),
    };

    private AudioTranscriptionConfig AudioTranscriptionConfig() => new()
    {
        LanguageCodes = Maybe(() => List(NullableWord)),
        AdditionalProperties = Maybe(Extension),
    };

    private LiveClientRealtimeInput RealtimeInput() => new()
    {
        MediaChunks = Maybe(() => List(Blob)),
        Audio = Maybe(Blob),
        Video = Maybe(Blob),
        Text = Maybe(Word),
        ActivityStart = Maybe(() => new ActivityStart()),
        ActivityEnd = Maybe(() => new ActivityEnd()),
        AudioStreamEnd = MaybeValue(Bool),
    };

    private Content Content() => new() { Parts = Maybe(() => List(Part)), Role = Maybe(Word) };

    private Part Part() => new()
    {
        Text = Maybe(Word),
        InlineData = Maybe(Blob),
        FileData = Maybe(() => new FileData { MimeType = Maybe(Word), FileUri = Maybe(Word), DisplayName = Maybe(Word) }),
        FunctionCall = Maybe(() => new FunctionCall { Id = Maybe(Word), Name = Maybe(Word), Args = MaybeValue(Element) }),
        FunctionResponse = Maybe(FunctionResponse),
        ExecutableCode = Maybe(() => new ExecutableCode { Language = MaybeValue(() => (Language)_random.Next(2)), Code = Maybe(Word) }),
        CodeExecutionResult = Maybe(() => new CodeExecutionResult { Outcome = MaybeValue(() => (Outcome)_random.Next(4)), Output = Maybe(Word) }),
        Thought = MaybeValue(Bool),
        ThoughtSignature = Maybe(Word),
        AdditionalProperties = Maybe(Extension),
    };

    private Blob Blob() => new() { Data = Bytes(), MimeType = Maybe(Word) };

    private FunctionResponse FunctionResponse()
    {
        FunctionResponse response = !_all && _random.Next(3) == 0
            ? Live.FunctionResponse.FromUtf8Json(Maybe(Word), Maybe(Word), Encoding.UTF8.GetBytes("""{"output":{"temp_c":18,"text":"caf\u00e9 \"q\""}}"""))
            : new FunctionResponse
            {
                Id = Maybe(Word),
                Name = Maybe(Word),
                Response = Maybe(() => new JsonObject { ["output"] = Word(), ["n"] = _random.Next(), ["nested"] = new JsonArray(1, "x", null) }),
            };
        response.Scheduling = MaybeValue(() => (FunctionResponseScheduling)_random.Next(4));
        response.WillContinue = MaybeValue(Bool);
        response.Parts = Maybe(() => List(() => _random.Next(2) == 0
            ? FunctionResponsePart.FromBytes(Bytes(), Word())
            : new FunctionResponsePart { FileData = new FunctionResponseFileData { FileUri = Maybe(Word), MimeType = Maybe(Word), DisplayName = Maybe(Word) } }));
        if (_all)
        {
            response.Parts!.Add(new FunctionResponsePart { InlineData = new FunctionResponseBlob { Data = Bytes(), MimeType = Word(), DisplayName = Word() } });
        }

        return response;
    }

    private Tool Tool() => new()
    {
        FunctionDeclarations = Maybe(() => List(FunctionDeclaration)),
        GoogleSearch = Maybe(() => new GoogleSearch()),
        CodeExecution = Maybe(() => new ToolCodeExecution()),
        UrlContext = Maybe(() => new UrlContext()),
        AdditionalProperties = Maybe(Extension),
    };

    private FunctionDeclaration FunctionDeclaration() => new()
    {
        Name = Maybe(Word),
        Description = Maybe(Word),
        Parameters = Maybe(() => Schema(3)),
        ParametersJsonSchema = MaybeValue(Element),
        Response = Maybe(() => Schema(2)),
        ResponseJsonSchema = MaybeValue(Element),
        Behavior = MaybeValue(() => (Behavior)_random.Next(3)),
    };

    private Schema Schema(int levels) => new()
    {
        Type = MaybeValue(() => (SchemaType)_random.Next(8)),
        Format = Maybe(Word),
        Title = Maybe(Word),
        Description = Maybe(Word),
        Nullable = MaybeValue(Bool),
        Enum = Maybe(() => List(NullableWord)),
        Items = levels > 0 ? Maybe(() => Schema(levels - 1)) : null,
        Properties = levels > 0 ? Maybe(() => Dictionary(() => !_all && _random.Next(10) == 0 ? null! : Schema(levels - 1))) : null,
        Required = Maybe(() => List(NullableWord)),
        PropertyOrdering = Maybe(() => List(Word)),
        AnyOf = levels > 0 ? Maybe(() => List(() => Schema(levels - 1))) : null,
        Minimum = MaybeValue(Double),
        Maximum = MaybeValue(Double),
        MinItems = MaybeValue(Long),
        MaxItems = MaybeValue(Long),
        MinLength = MaybeValue(Long),
        MaxLength = MaybeValue(Long),
        MinProperties = MaybeValue(Long),
        MaxProperties = MaybeValue(Long),
        Pattern = Maybe(Word),
        Default = MaybeValue(Element),
        Example = MaybeValue(Element),
    };

    private Dictionary<string, JsonElement> Extension()
    {
        var extension = new Dictionary<string, JsonElement>();
        int count = _all ? 2 : _random.Next(4);
        for (int i = 0; i < count; i++)
        {
            extension[Word() + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Element();
        }

        return extension;
    }

    private bool Set() => _all || _random.NextDouble() < _fill;

    private T? Maybe<T>(Func<T> make)
        where T : class => Set() ? make() : null;

    private T? MaybeValue<T>(Func<T> make)
        where T : struct => Set() ? make() : null;

    /// <summary>A list of one to three items (none sometimes), a null item now and then where the type allows it.</summary>
    private List<T> List<T>(Func<T> make)
    {
        int count = _all ? 1 + _random.Next(2) : _random.Next(4);
        var list = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(!_all && !typeof(T).IsValueType && _random.Next(12) == 0 ? default! : make());
        }

        return list;
    }

    private List<T> ValueList<T>(Func<T> make)
        where T : struct
    {
        int count = _all ? 2 : _random.Next(4);
        var list = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(make());
        }

        return list;
    }

    private Dictionary<string, T> Dictionary<T>(Func<T> make)
    {
        int count = _all ? 2 : _random.Next(4);
        var dictionary = new Dictionary<string, T>();
        for (int i = 0; i < count; i++)
        {
            dictionary[Word() + "#" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = make();
        }

        return dictionary;
    }

    private string Word() => s_words[_all ? 1 + _random.Next(s_words.Length - 1) : _random.Next(s_words.Length)];

    private string NullableWord() => !_all && _random.Next(10) == 0 ? null! : Word();

    private bool Bool() => _random.Next(2) == 0;

    private int Int() => _random.Next(6) switch
    {
        0 => int.MinValue,
        1 => int.MaxValue,
        2 => 0,
        _ => _random.Next(-100000, 100000),
    };

    private long Long() => _random.Next(5) switch
    {
        0 => long.MinValue,
        1 => long.MaxValue,
        2 => 0,
        _ => _random.NextInt64(-10_000_000_000, 10_000_000_000),
    };

    private double Double() => _random.Next(12) switch
    {
        0 => 0.1,
        1 => -0.0,
        2 => double.Epsilon,
        3 => double.MaxValue,
        4 => 1e21,
        5 => 1.0 / 3.0,
        6 => 2.0,
        7 => 123456789.125,
        8 when !_all && _random.Next(6) == 0 => double.NaN,
        _ => (_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-30, 30)),
    };

    private ReadOnlyMemory<byte> Bytes()
    {
        byte[] bytes = new byte[_all ? 1 + _random.Next(40) : _random.Next(40)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private JsonElement Element()
    {
        using JsonDocument document = JsonDocument.Parse(s_json[_random.Next(s_json.Length)]);
        return document.RootElement.Clone();
    }
}
