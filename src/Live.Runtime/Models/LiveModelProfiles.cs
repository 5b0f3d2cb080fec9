using static Live.LiveFeatureSupport;

namespace Live;

/// <summary>
/// The table of what each Live model family accepts on each backend (<see cref="LiveModelProfile"/>), consulted when a
/// session connects and by the tool loop. Data, not code: add or replace a row with <see cref="Register"/> when Google
/// ships a model. A model no row covers passes through unchecked.
/// </summary>
/// <remarks>
/// The rows and their sources are listed in docs/models.md. Rows registered later win over earlier ones (and over the
/// built-in rows) for the models they cover.
/// </remarks>
public static class LiveModelProfiles
{
    private const string Gemini38Page = "Gemini API: \"Gemini 3.8 Live\" model page (migrating from 3.1 Flash Live); \"Asynchronous function calling\"; FunctionResponse.willContinue reference";
    private const string ThinkingPage = "Gemini API: \"Gemini 3.8 Live Extended Thinking\" model page (function calling: async only); \"Thinking in the Live API\" (interaction_status)";
    private const string Gemini31Page = "Gemini API: \"Gemini 3.1 Flash Live Preview\" model page (async function calling not supported; proactive audio and affective dialog not supported); \"Tool use with Live API\" (function calling: synchronous only)";

    private static readonly object s_lock = new();
    private static IReadOnlyList<LiveModelProfile>? s_rows;

    /// <summary>Every row, built-in first, then registered ones.</summary>
    public static IReadOnlyList<LiveModelProfile> All => Volatile.Read(ref s_rows) ?? InitializeRows();

    /// <summary>Gemini 3.8 Live on the Gemini API.</summary>
    public static LiveModelProfile Gemini38Live { get; } = new()
    {
        DisplayName = "Gemini 3.8 Live",
        ModelIds = ["gemini-3.8-live"],
        DefaultBehavior = Behavior.NonBlocking,
        BlockingCalls = Supported,
        NonBlockingCalls = Supported,
        BehaviorField = Supported,
        Scheduling = Supported,
        WillContinue = Supported,
        FunctionResponseParts = Unknown,
        ProactiveAudio = AlwaysOn,
        AffectiveDialog = NotSupported,
        Thinking = NotSupported,
        InteractionStatus = Supported,
        Source = Gemini38Page,
        Inferred = "willContinue honoured (documented for NON_BLOCKING calls in general, not per model); interactionStatus sent (documented for the Extended Thinking variant); parts unknown",
    };

    /// <summary>Gemini 3.8 Live Extended Thinking on the Gemini API.</summary>
    public static LiveModelProfile Gemini38LiveExtendedThinking { get; } = new()
    {
        DisplayName = "Gemini 3.8 Live Extended Thinking",
        ModelIds = ["gemini-3.8-live-extended-thinking"],
        DefaultBehavior = Behavior.NonBlocking,
        BlockingCalls = NotSupported,
        NonBlockingCalls = Supported,
        BehaviorField = Supported,
        Scheduling = Supported,
        WillContinue = Supported,
        FunctionResponseParts = Unknown,
        ProactiveAudio = AlwaysOn,
        AffectiveDialog = NotSupported,
        Thinking = Supported,
        InteractionStatus = Supported,
        Source = ThinkingPage,
        Inferred = "proactive audio, affective dialog, scheduling and willContinue as for Gemini 3.8 Live; parts unknown",
    };

    /// <summary>Gemini 3.1 Flash Live (preview) on the Gemini API.</summary>
    public static LiveModelProfile Gemini31FlashLive { get; } = new()
    {
        DisplayName = "Gemini 3.1 Flash Live",
        ModelIds = ["gemini-3.1-flash-live*"],
        DefaultBehavior = Behavior.Blocking,
        BlockingCalls = Supported,
        NonBlockingCalls = NotSupported,
        BehaviorField = Unknown,
        Scheduling = NotSupported,
        WillContinue = NotSupported,
        FunctionResponseParts = Unknown,
        ProactiveAudio = NotSupported,
        AffectiveDialog = NotSupported,
        Thinking = Supported,
        InteractionStatus = NotSupported,
        Source = Gemini31Page,
        Inferred = "scheduling and willContinue not honoured (they apply to NON_BLOCKING calls only); the behavior field itself (BLOCKING) is not documented as refused, so it is left out as redundant; parts unknown",
    };

    /// <summary>Gemini 2.5 Flash native audio on the Gemini API.</summary>
    public static LiveModelProfile Gemini25FlashNativeAudio { get; } = new()
    {
        DisplayName = "Gemini 2.5 Flash Live (native audio)",
        ModelIds = ["gemini-2.5-flash-native-audio*", "gemini-live-2.5-flash*", "gemini-2.5-flash-live*"],
        DefaultBehavior = Behavior.Blocking,
        BlockingCalls = Supported,
        NonBlockingCalls = Supported,
        BehaviorField = Supported,
        Scheduling = Supported,
        WillContinue = Supported,
        FunctionResponseParts = Unknown,
        ProactiveAudio = Supported,
        AffectiveDialog = Supported,
        Thinking = Supported,
        InteractionStatus = NotSupported,
        Source = "Gemini API: \"Tool use with Live API\" (2.5 Flash Live: synchronous and asynchronous); the seed's API (proactivity, affective dialog)",
        Inferred = "default BLOCKING when behavior is absent (the pre-3.8 default); willContinue honoured; parts unknown",
    };

    /// <summary>Gemini 3.8 Live on Vertex AI (Gemini Enterprise Agent Platform).</summary>
    public static LiveModelProfile Gemini38LiveVertex { get; } = Gemini38Live with
    {
        VertexAI = true,
        WillContinue = NotSupported,
        Source = "Agent Platform: \"Asynchronous function calling with Gemini Live API\" (non-blocking by default); \"Migrate from Gemini 2.5 Flash Live API Native Audio to Gemini 3.8 Live\" (behavior=BLOCKING, scheduling=interrupt); SDK reference: willContinue \"not supported in Vertex AI\"",
        Inferred = "interactionStatus sent; proactive audio, affective dialog and thinking as on the Gemini API; parts unknown",
    };

    /// <summary>Gemini 2.5 Flash Live on Vertex AI.</summary>
    public static LiveModelProfile Gemini25FlashVertex { get; } = Gemini25FlashNativeAudio with
    {
        VertexAI = true,
        NonBlockingCalls = NotSupported,
        BehaviorField = NotSupported,
        Scheduling = Unknown,
        WillContinue = NotSupported,
        Source = "google-genai SDK: \"behavior parameter is not supported in Vertex AI\" (reported in livekit/agents#3801, python-genai#1739); scheduling reported rejected (livekit/agents#3784) and later announced (python-genai#1739); SDK reference: willContinue not supported in Vertex AI",
        Inferred = "BLOCKING is the default, so a BLOCKING declaration is sent without the field; scheduling left as given (reports disagree)",
    };

    /// <summary>
    /// Finds the row for a model on a backend: the last registered row that matches, else a built-in one; null for a
    /// model no row covers (nothing is checked then).
    /// </summary>
    /// <param name="model">The model name, with or without a <c>models/</c>, <c>publishers/…/models/</c> or <c>projects/…</c> prefix.</param>
    /// <param name="vertexAI">Whether the session is on Vertex AI.</param>
    /// <returns>The row, or null.</returns>
    public static LiveModelProfile? Find(string model, bool vertexAI)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        int slash = model.LastIndexOf('/');
        string id = slash >= 0 ? model.Substring(slash + 1) : model;
        IReadOnlyList<LiveModelProfile> rows = All;
        for (int i = rows.Count - 1; i >= 0; i--)
        {
            if (rows[i].VertexAI == vertexAI && rows[i].Matches(id))
            {
                return rows[i];
            }
        }

        return null;
    }

    /// <summary>Adds a row (or overrides the rows for the same models): it wins over every row registered before it.</summary>
    /// <param name="profile">The row.</param>
    public static void Register(LiveModelProfile profile)
    {
        if (profile is null)
        {
            throw new ArgumentNullException(nameof(profile));
        }

        lock (s_lock)
        {
            var rows = new List<LiveModelProfile>(All) { profile };
            Volatile.Write(ref s_rows, rows.AsReadOnly());
        }
    }

    private static IReadOnlyList<LiveModelProfile> InitializeRows()
    {
        lock (s_lock)
        {
            s_rows ??= BuiltIn();
            return s_rows;
        }
    }

    // Non-overlapping ids: the order among built-in rows does not matter.
    private static IReadOnlyList<LiveModelProfile> BuiltIn() =>
        new[] { Gemini38Live, Gemini38LiveExtendedThinking, Gemini31FlashLive, Gemini25FlashNativeAudio, Gemini38LiveVertex, Gemini25FlashVertex };
}
