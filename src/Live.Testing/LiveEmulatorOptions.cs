namespace Live.Testing;

/// <summary>Settings of a <see cref="LiveEmulator"/>.</summary>
public sealed class LiveEmulatorOptions
{
    /// <summary>
    /// Whether <see cref="EmulatorTurn.CallTool"/> checks the call against the function declarations of the session's
    /// setup. Default true: a rule that calls a function the session never declared (a typo such as <c>get_wether</c>), or
    /// passes an argument the declaration does not have, of the wrong JSON type, or without a required one, fails: the
    /// rule's turn is not played, <see cref="LiveEmulator.Failures"/> names the function and the declaration, and the
    /// connection closes with 1011. Set false to test how a client handles calls of unknown functions (scripts'
    /// <c>SendToolCall</c> is never checked).
    /// </summary>
    public bool ValidateToolCalls { get; set; } = true;

    /// <summary>The API key the emulator expects when none is set: <c>emulator-api-key</c>.</summary>
    public const string DefaultApiKey = "emulator-api-key";

    /// <summary>
    /// The API key (or ephemeral token) a client must present, as the <c>key</c> or <c>access_token</c> query parameter
    /// or the <c>x-goog-api-key</c> or <c>Authorization</c> header. A connection with another key, or none, is closed
    /// with 1008 after its setup frame, as the service does. Null accepts any key or none. Default:
    /// <see cref="DefaultApiKey"/>.
    /// </summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>
    /// The models the emulator serves, as sent in <c>setup.model</c> (<c>models/…</c>) or without the prefix.
    /// A setup naming another model is closed with 1008 (not found). Null (the default) serves any model.
    /// </summary>
    public IReadOnlyCollection<string>? Models { get; set; }

    /// <summary>
    /// Whether server frames go out as text frames. Default false: binary frames of UTF-8 JSON, like the production
    /// service.
    /// </summary>
    public bool ServerFramesAsText { get; set; }

    /// <summary>
    /// Whether JSON server frames are pretty-printed with a trailing newline, as the production service sends them.
    /// Default true; false sends compact JSON.
    /// </summary>
    public bool IndentServerFrames { get; set; } = true;

    /// <summary>
    /// Whether frames after setup are validated too (unknown or malformed fields close the session with 1007).
    /// Default true. Setup is always validated.
    /// </summary>
    public bool ValidateClientMessages { get; set; } = true;

    /// <summary>The largest client message accepted; a larger one closes the connection with 1009. Default 16 MiB.</summary>
    public int MaxClientMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long a script step waits for a client frame, and how long a connection waits for its setup frame, before
    /// the script fails. Default 30 seconds.
    /// </summary>
    public TimeSpan ExpectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The default timeout of the <c>WaitFor…Async</c> methods. Default 10 seconds.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// In rule mode, whether a session whose setup enables <c>sessionResumption</c> gets a
    /// <c>sessionResumptionUpdate</c> with a fresh handle after every completed model turn. Default true.
    /// </summary>
    public bool SendResumptionUpdates { get; set; } = true;

    /// <summary>Whether to accept the permessage-deflate extension the client offers. Default false.</summary>
    public bool EnableCompression { get; set; }

    /// <summary>
    /// The model and backend the emulator behaves as (<see cref="LiveEmulatorProfile.Gemini38Live"/>,
    /// <see cref="LiveEmulatorProfile.Gemini31FlashLive"/>, <see cref="LiveEmulatorProfile.VertexGemini38"/>,
    /// <see cref="LiveEmulatorProfile.VertexGemini25"/>, <see cref="LiveEmulatorProfile.VertexGemini25Stripping"/>, or
    /// your own). Null (the default): no model-specific checks or behaviour.
    /// </summary>
    public LiveEmulatorProfile? Profile { get; set; }
}
