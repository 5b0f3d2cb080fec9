using System.Text.Json;

namespace Live.Testing;

/// <summary>
/// How a <see cref="LiveEmulator"/> behaves as a given model and backend (<see cref="LiveEmulatorOptions.Profile"/>):
/// the default of <c>behavior</c>, which setup fields and response fields it accepts, whether a blocking call is
/// cancelled by new user input, whether it sends <c>interactionStatus</c>. Null profile: none of these checks, the
/// emulator's behaviour before profiles existed.
/// </summary>
/// <remarks>
/// docs/testing.md lists which of these behaviours come from Google's documents and which are inferred.
/// </remarks>
public sealed record LiveEmulatorProfile
{
    /// <summary>A readable name, used in close reasons.</summary>
    public required string Name { get; init; }

    /// <summary>How a function declared without <c>behavior</c> runs: <c>BLOCKING</c> or <c>NON_BLOCKING</c>.</summary>
    public string DefaultBehavior { get; init; } = "BLOCKING";

    /// <summary>Whether <c>behavior: NON_BLOCKING</c> declarations are accepted (else the setup is closed with 1007).</summary>
    public bool AcceptsNonBlocking { get; init; } = true;

    /// <summary>Whether the <c>behavior</c> field is accepted at all (some Vertex AI releases reject it with 1007).</summary>
    public bool AcceptsBehaviorField { get; init; } = true;

    /// <summary>Whether <c>FunctionResponse.scheduling</c> is accepted (else the tool response is closed with 1007, as reported on Vertex AI).</summary>
    public bool AcceptsScheduling { get; init; } = true;

    /// <summary>Whether <c>FunctionResponse.willContinue</c> is accepted (else 1007).</summary>
    public bool AcceptsWillContinue { get; init; } = true;

    /// <summary>Whether <c>proactivity.proactiveAudio</c> and <c>enableAffectiveDialog</c> are answered; false leaves such a setup unanswered (no <c>setupComplete</c>), as reported for Gemini 3.1 Flash Live.</summary>
    public bool AnswersProactiveAudioAndAffectiveDialog { get; init; } = true;

    /// <summary>Whether <c>proactiveAudio: false</c> is refused (1007): proactive audio always on.</summary>
    public bool ProactiveAudioAlwaysOn { get; init; }

    /// <summary>Whether <c>generationConfig.thinkingConfig</c> is accepted (else 1007).</summary>
    public bool AcceptsThinkingConfig { get; init; } = true;

    /// <summary>Whether new user input cancels a running BLOCKING call (<c>toolCallCancellation</c>).</summary>
    public bool CancelsBlockingCallsOnInput { get; init; }

    /// <summary>Whether model turns carry <c>interactionStatus</c> (<c>IN_PROGRESS</c> while calls are open, <c>IDLE</c> when done).</summary>
    public bool SendsInteractionStatus { get; init; }

    /// <summary>
    /// Whether a field the profile does not accept (<c>behavior</c>, <c>scheduling</c>, <c>willContinue</c>) is dropped
    /// silently instead of closing the connection with 1007, as some Vertex AI releases were reported to do: a dropped
    /// <c>behavior</c> leaves the function at <see cref="DefaultBehavior"/>, a dropped <c>willContinue: true</c> makes an
    /// interim response read as the final one. <see cref="EmulatorConnection.StrippedFields"/> lists what was dropped.
    /// </summary>
    public bool StripsUnsupportedFields { get; init; }

    /// <summary>
    /// Whether a function response with <c>scheduling: INTERRUPT</c> that arrives while the user is speaking (audio
    /// since the last <c>activityEnd</c> or <c>audioStreamEnd</c>, or an open <c>activityStart</c>) is taken up only once
    /// the user has finished (Gemini 3.8 Live); false takes it up at once.
    /// </summary>
    public bool InterruptWaitsForEndOfSpeech { get; init; }

    /// <summary>Gemini 3.8 Live on the Gemini API.</summary>
    public static LiveEmulatorProfile Gemini38Live { get; } = new()
    {
        Name = "Gemini 3.8 Live",
        DefaultBehavior = "NON_BLOCKING",
        ProactiveAudioAlwaysOn = true,
        AnswersProactiveAudioAndAffectiveDialog = true,
        AcceptsThinkingConfig = false,
        CancelsBlockingCallsOnInput = true,
        SendsInteractionStatus = true,
        InterruptWaitsForEndOfSpeech = true,
    };

    /// <summary>
    /// Gemini 3.8 Live on Vertex AI: as on the Gemini API, but <c>willContinue</c> is refused (1007), since Google's SDK
    /// reference says it is not supported on Vertex AI. Serve it at the Vertex AI path (<see cref="EmulatorConnection.IsVertexAI"/>).
    /// </summary>
    public static LiveEmulatorProfile VertexGemini38 { get; } = Gemini38Live with
    {
        Name = "Gemini 3.8 Live on Vertex AI",
        AcceptsWillContinue = false,
    };

    /// <summary>Gemini 3.1 Flash Live on the Gemini API: blocking calls only, no proactive audio or affective dialog.</summary>
    public static LiveEmulatorProfile Gemini31FlashLive { get; } = new()
    {
        Name = "Gemini 3.1 Flash Live",
        DefaultBehavior = "BLOCKING",
        AcceptsNonBlocking = false,
        AnswersProactiveAudioAndAffectiveDialog = false,
    };

    /// <summary>Gemini 2.5 Flash Live on Vertex AI: rejects the <c>behavior</c>, <c>scheduling</c> and <c>willContinue</c> fields.</summary>
    public static LiveEmulatorProfile VertexGemini25 { get; } = new()
    {
        Name = "Gemini 2.5 Flash Live on Vertex AI",
        DefaultBehavior = "BLOCKING",
        AcceptsNonBlocking = false,
        AcceptsBehaviorField = false,
        AcceptsScheduling = false,
        AcceptsWillContinue = false,
    };

    /// <summary>
    /// Gemini 2.5 Flash Live on Vertex AI, in a release that drops <c>behavior</c>, <c>scheduling</c> and
    /// <c>willContinue</c> silently (<see cref="StripsUnsupportedFields"/>) instead of refusing them.
    /// </summary>
    public static LiveEmulatorProfile VertexGemini25Stripping { get; } = VertexGemini25 with
    {
        Name = "Gemini 2.5 Flash Live on Vertex AI (fields stripped)",
        StripsUnsupportedFields = true,
    };

    /// <summary>Whether a <c>willContinue</c> is dropped, so every response reads as final.</summary>
    internal bool IgnoresWillContinue => !AcceptsWillContinue && StripsUnsupportedFields;

    /// <summary>The effective behavior of a declared function: its <c>behavior</c> (unless dropped), or <see cref="DefaultBehavior"/>.</summary>
    internal string BehaviorOf(JsonElement setup, string? functionName)
    {
        foreach (JsonElement declaration in Declarations(setup))
        {
            if (JsonFields.GetString(declaration, "name") == functionName)
            {
                return AcceptsBehaviorField && JsonFields.GetString(declaration, "behavior") is { Length: > 0 } b && b != "UNSPECIFIED" ? b : DefaultBehavior;
            }
        }

        return DefaultBehavior;
    }

    /// <summary>
    /// A problem with the setup: the close reason (1007), or <paramref name="leaveUnanswered"/> for a setup the model
    /// never answers. Fields dropped instead (<see cref="StripsUnsupportedFields"/>) are added to <paramref name="stripped"/>.
    /// </summary>
    internal string? CheckSetup(JsonElement setup, out bool leaveUnanswered, List<string>? stripped = null)
    {
        leaveUnanswered = false;
        JsonFields.TryGet(setup, "generationConfig", out JsonElement generation);
        bool hasProactive = JsonFields.TryGet(setup, "proactivity", out JsonElement proactivity) && JsonFields.TryGet(proactivity, "proactiveAudio", out JsonElement proactive);
        bool hasAffective = generation.ValueKind == JsonValueKind.Object && JsonFields.TryGet(generation, "enableAffectiveDialog", out _);
        if (!AnswersProactiveAudioAndAffectiveDialog && (hasProactive || hasAffective))
        {
            leaveUnanswered = true;
            return $"{Name} does not support {(hasProactive ? "proactive audio" : "affective dialog")}; the setup is left unanswered.";
        }

        if (ProactiveAudioAlwaysOn && hasProactive && JsonFields.TryGet(proactivity, "proactiveAudio", out proactive) && proactive.ValueKind == JsonValueKind.False)
        {
            return $"Invalid argument: proactive audio cannot be turned off on {Name}.";
        }

        if (!AcceptsThinkingConfig && generation.ValueKind == JsonValueKind.Object && JsonFields.TryGet(generation, "thinkingConfig", out _))
        {
            return $"Invalid argument: thinking_config is not supported on {Name}.";
        }

        int index = 0;
        foreach (JsonElement declaration in Declarations(setup))
        {
            string? behavior = JsonFields.GetString(declaration, "behavior");
            string name = JsonFields.GetString(declaration, "name") ?? "function " + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            index++;
            if (behavior is null)
            {
                continue;
            }

            if (!AcceptsBehaviorField && StripsUnsupportedFields)
            {
                stripped?.Add($"setup: behavior of {name}");
                continue;
            }

            if (!AcceptsBehaviorField)
            {
                return "Invalid JSON payload received. Unknown name \"behavior\" at 'setup.tools[0].function_declarations[0]': Cannot find field.";
            }

            if (behavior == "NON_BLOCKING" && !AcceptsNonBlocking)
            {
                return $"Invalid argument: {Name} supports only synchronous (BLOCKING) function calls.";
            }
        }

        return null;
    }

    /// <summary>
    /// A problem with a tool response's fields (close reason, 1007), or null. Fields dropped instead
    /// (<see cref="StripsUnsupportedFields"/>) are added to <paramref name="stripped"/>.
    /// </summary>
    internal string? CheckToolResponse(JsonElement toolResponse, List<string>? stripped = null)
    {
        foreach (JsonElement response in JsonFields.GetArray(toolResponse, "functionResponses"))
        {
            string id = JsonFields.GetString(response, "id") ?? "(no id)";
            if (!AcceptsScheduling && JsonFields.TryGet(response, "scheduling", out _))
            {
                if (!StripsUnsupportedFields)
                {
                    return "Invalid JSON payload received. Unknown name \"scheduling\" at 'tool_response.function_responses[0]': Cannot find field.";
                }

                stripped?.Add($"toolResponse: scheduling of {id}");
            }

            if (!AcceptsWillContinue && JsonFields.TryGet(response, "willContinue", out _))
            {
                if (!StripsUnsupportedFields)
                {
                    return "Invalid JSON payload received. Unknown name \"will_continue\" at 'tool_response.function_responses[0]': Cannot find field.";
                }

                stripped?.Add($"toolResponse: willContinue of {id}");
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> Declarations(JsonElement setup)
    {
        foreach (JsonElement tool in JsonFields.GetArray(setup, "tools"))
        {
            foreach (JsonElement declaration in JsonFields.GetArray(tool, "functionDeclarations"))
            {
                yield return declaration;
            }
        }
    }
}
