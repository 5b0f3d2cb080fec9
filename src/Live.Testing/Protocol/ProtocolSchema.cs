using System.Text.Json;
using static Live.Testing.FieldSpec;

namespace Live.Testing;

/// <summary>
/// The client messages of the Gemini Live API (<c>BidiGenerateContentClientMessage</c>) as the emulator validates them:
/// the setup fields of the protocol reference (§4), the content, realtime, tool-response and context-update messages,
/// and the function-calling Schema (§6). Both lowerCamelCase and snake_case names are accepted, as by the service.
/// </summary>
internal static class ProtocolSchema
{
    static ProtocolSchema()
    {
        var blob = new MessageSpec("Blob").Add(Scalar("mimeType", FieldKind.String), Scalar("data", FieldKind.Bytes));
        var fileData = new MessageSpec("FileData").Add(Scalar("mimeType", FieldKind.String), Scalar("fileUri", FieldKind.String));
        var functionCall = new MessageSpec("FunctionCall").Add(
            Scalar("id", FieldKind.String), Scalar("name", FieldKind.String), Scalar("args", FieldKind.Struct));
        var functionResponse = new MessageSpec("FunctionResponse").Add(
            Scalar("id", FieldKind.String),
            Scalar("name", FieldKind.String),
            Scalar("response", FieldKind.Struct),
            Enum("scheduling", ["SCHEDULING_UNSPECIFIED", "SILENT", "WHEN_IDLE", "INTERRUPT"]),
            Scalar("willContinue", FieldKind.Bool),
            Scalar("parts", FieldKind.Value));
        var executableCode = new MessageSpec("ExecutableCode").Add(Scalar("language", FieldKind.String), Scalar("code", FieldKind.String));
        var codeExecutionResult = new MessageSpec("CodeExecutionResult").Add(Scalar("outcome", FieldKind.String), Scalar("output", FieldKind.String));
        var part = new MessageSpec("Part").Add(
            Scalar("text", FieldKind.String),
            Of("inlineData", blob),
            Of("fileData", fileData),
            Of("functionCall", functionCall),
            Of("functionResponse", functionResponse),
            Of("executableCode", executableCode),
            Of("codeExecutionResult", codeExecutionResult),
            Scalar("thought", FieldKind.Bool),
            Scalar("thoughtSignature", FieldKind.Bytes),
            Scalar("videoMetadata", FieldKind.Struct),
            Scalar("partMetadata", FieldKind.Struct),
            Scalar("mediaResolution", FieldKind.Value));
        var content = new MessageSpec("Content").Add(Of("parts", part, repeated: true), Scalar("role", FieldKind.String));

        var schema = new MessageSpec("Schema");
        schema.Add(
            Enum("type", ["TYPE_UNSPECIFIED", "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT", "NULL"]),
            Scalar("format", FieldKind.String),
            Scalar("title", FieldKind.String),
            Scalar("description", FieldKind.String),
            Scalar("nullable", FieldKind.Bool),
            Scalar("enum", FieldKind.String, repeated: true),
            Of("items", schema),
            Scalar("minItems", FieldKind.Int64),
            Scalar("maxItems", FieldKind.Int64),
            MapOf("properties", Of("value", schema)),
            Scalar("required", FieldKind.String, repeated: true),
            Scalar("minProperties", FieldKind.Int64),
            Scalar("maxProperties", FieldKind.Int64),
            Scalar("minLength", FieldKind.Int64),
            Scalar("maxLength", FieldKind.Int64),
            Scalar("pattern", FieldKind.String),
            Scalar("example", FieldKind.Value),
            Of("anyOf", schema, repeated: true),
            Scalar("propertyOrdering", FieldKind.String, repeated: true),
            Scalar("default", FieldKind.Value),
            Scalar("minimum", FieldKind.Float),
            Scalar("maximum", FieldKind.Float));

        var functionDeclaration = new MessageSpec("FunctionDeclaration")
        {
            Check = CheckFunctionDeclaration,
        }.Add(
            Scalar("name", FieldKind.String),
            Scalar("description", FieldKind.String),
            Of("parameters", schema),
            Scalar("parametersJsonSchema", FieldKind.Value),
            Of("response", schema),
            Scalar("responseJsonSchema", FieldKind.Value),
            Enum("behavior", ["UNSPECIFIED", "BLOCKING", "NON_BLOCKING"]));

        var tool = new MessageSpec("Tool").Add(
            Of("functionDeclarations", functionDeclaration, repeated: true),
            Scalar("googleSearch", FieldKind.Struct),
            Scalar("googleSearchRetrieval", FieldKind.Struct),
            Scalar("codeExecution", FieldKind.Struct),
            Scalar("urlContext", FieldKind.Struct),
            Scalar("googleMaps", FieldKind.Struct),
            Scalar("computerUse", FieldKind.Struct),
            Scalar("fileSearch", FieldKind.Struct),
            Scalar("retrieval", FieldKind.Struct),
            Scalar("enterpriseWebSearch", FieldKind.Struct),
            Scalar("mcpServers", FieldKind.Value));

        var speechConfig = new MessageSpec("SpeechConfig").Add(
            Of("voiceConfig", new MessageSpec("VoiceConfig").Add(
                Of("prebuiltVoiceConfig", new MessageSpec("PrebuiltVoiceConfig").Add(Scalar("voiceName", FieldKind.String))))),
            Scalar("languageCode", FieldKind.String));
        var thinkingConfig = new MessageSpec("ThinkingConfig").Add(
            Scalar("thinkingBudget", FieldKind.Int32),
            Scalar("includeThoughts", FieldKind.Bool),
            Enum("thinkingLevel", ["THINKING_LEVEL_UNSPECIFIED", "MINIMAL", "LOW", "MEDIUM", "HIGH"]));
        var generationConfig = new MessageSpec("GenerationConfig").Add(
            Enum("responseModalities", ["MODALITY_UNSPECIFIED", "TEXT", "IMAGE", "AUDIO"], repeated: true),
            Scalar("temperature", FieldKind.Float),
            Scalar("topP", FieldKind.Float),
            Scalar("topK", FieldKind.Int32),
            Scalar("maxOutputTokens", FieldKind.Int32),
            Scalar("seed", FieldKind.Int32),
            Scalar("candidateCount", FieldKind.Int32),
            Scalar("presencePenalty", FieldKind.Float),
            Scalar("frequencyPenalty", FieldKind.Float),
            Scalar("stopSequences", FieldKind.String, repeated: true),
            Enum("mediaResolution", ["MEDIA_RESOLUTION_UNSPECIFIED", "MEDIA_RESOLUTION_LOW", "MEDIA_RESOLUTION_MEDIUM", "MEDIA_RESOLUTION_HIGH"]),
            Of("speechConfig", speechConfig),
            Of("thinkingConfig", thinkingConfig),
            Scalar("enableAffectiveDialog", FieldKind.Bool),
            Scalar("translationConfig", FieldKind.Struct));

        var automaticActivityDetection = new MessageSpec("AutomaticActivityDetection").Add(
            Scalar("disabled", FieldKind.Bool),
            Enum("startOfSpeechSensitivity", ["START_SENSITIVITY_UNSPECIFIED", "START_SENSITIVITY_HIGH", "START_SENSITIVITY_LOW"]),
            Enum("endOfSpeechSensitivity", ["END_SENSITIVITY_UNSPECIFIED", "END_SENSITIVITY_HIGH", "END_SENSITIVITY_LOW"]),
            Scalar("prefixPaddingMs", FieldKind.Int32),
            Scalar("silenceDurationMs", FieldKind.Int32));
        var realtimeInputConfig = new MessageSpec("RealtimeInputConfig").Add(
            Of("automaticActivityDetection", automaticActivityDetection),
            Enum("activityHandling", ["ACTIVITY_HANDLING_UNSPECIFIED", "START_OF_ACTIVITY_INTERRUPTS", "NO_INTERRUPTION"]),
            Enum("turnCoverage", ["TURN_COVERAGE_UNSPECIFIED", "TURN_INCLUDES_ONLY_ACTIVITY", "TURN_INCLUDES_ALL_INPUT", "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO"]));

        var sessionResumption = new MessageSpec("SessionResumptionConfig").Add(
            Scalar("handle", FieldKind.String), Scalar("transparent", FieldKind.Bool));
        var contextWindowCompression = new MessageSpec("ContextWindowCompressionConfig").Add(
            Scalar("triggerTokens", FieldKind.Int64),
            Of("slidingWindow", new MessageSpec("SlidingWindow").Add(Scalar("targetTokens", FieldKind.Int64))));
        var proactivity = new MessageSpec("ProactivityConfig").Add(Scalar("proactiveAudio", FieldKind.Bool));

        Setup = new MessageSpec("BidiGenerateContentSetup").Add(
            Scalar("model", FieldKind.String),
            Of("generationConfig", generationConfig),
            Of("systemInstruction", content),
            Of("tools", tool, repeated: true),
            Of("realtimeInputConfig", realtimeInputConfig),
            Of("sessionResumption", sessionResumption),
            Of("contextWindowCompression", contextWindowCompression),
            Scalar("inputAudioTranscription", FieldKind.Struct),
            Scalar("outputAudioTranscription", FieldKind.Struct),
            Of("proactivity", proactivity),
            Scalar("explicitVadSignal", FieldKind.Bool),
            Scalar("safetySettings", FieldKind.Struct, repeated: true),
            MapOf("labels", Scalar("value", FieldKind.String)),
            Scalar("avatarConfig", FieldKind.Struct),
            Scalar("historyConfig", FieldKind.Struct));

        ClientContent = new MessageSpec("BidiGenerateContentClientContent").Add(
            Of("turns", content, repeated: true), Scalar("turnComplete", FieldKind.Bool));

        var empty = new MessageSpec("Empty");
        RealtimeInput = new MessageSpec("BidiGenerateContentRealtimeInput").Add(
            Of("mediaChunks", blob, repeated: true),
            Of("audio", blob),
            Of("video", blob),
            Scalar("text", FieldKind.String),
            Of("activityStart", empty),
            Of("activityEnd", empty),
            Scalar("audioStreamEnd", FieldKind.Bool));

        ToolResponse = new MessageSpec("BidiGenerateContentToolResponse").Add(
            Of("functionResponses", functionResponse, repeated: true));

        ContextUpdate = new MessageSpec("BidiGenerateContentContextUpdate").Add(
            Of("systemInstruction", content),
            Of("tools", new MessageSpec("ToolsUpdate").Add(Of("tools", tool, repeated: true))));
    }

    /// <summary><c>setup</c>.</summary>
    public static MessageSpec Setup { get; }

    /// <summary><c>clientContent</c>.</summary>
    public static MessageSpec ClientContent { get; }

    /// <summary><c>realtimeInput</c>.</summary>
    public static MessageSpec RealtimeInput { get; }

    /// <summary><c>toolResponse</c>.</summary>
    public static MessageSpec ToolResponse { get; }

    /// <summary><c>contextUpdate</c>.</summary>
    public static MessageSpec ContextUpdate { get; }

    /// <summary>The maximum length of a function name (protocol reference §6).</summary>
    public const int MaxFunctionNameLength = 128;

    /// <summary>Whether a function name follows the rule of the API docs: a letter or <c>_</c>, then <c>a-z A-Z 0-9 _ . : -</c>, 128 at most.</summary>
    public static bool IsValidFunctionName(string name)
    {
        if (name.Length is 0 or > MaxFunctionNameLength || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string? CheckFunctionDeclaration(JsonElement declaration, string path)
    {
        string? name = null;
        bool parameters = false, parametersJsonSchema = false;
        foreach (JsonProperty property in declaration.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (ProtocolNames.ToCamelCase(property.Name))
            {
                case "name":
                    name = property.Value.GetString();
                    break;
                case "parameters":
                    parameters = true;
                    break;
                case "parametersJsonSchema":
                    parametersJsonSchema = true;
                    break;
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            return CloseReasons.WithPath("Function declaration at '", path, "' is missing the required field \"name\".");
        }

        if (!IsValidFunctionName(name))
        {
            return CloseReasons.Fit(
                $"Invalid function name \"{name}\": must start with a letter or _ and use only a-z A-Z 0-9 _ . : - (max 128).");
        }

        return parameters && parametersJsonSchema
            ? CloseReasons.Fit($"Function \"{name}\" sets both \"parameters\" and \"parametersJsonSchema\"; set only one.")
            : null;
    }
}
