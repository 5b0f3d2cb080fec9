using System.Text.Json;

namespace Live.Testing;

/// <summary>
/// One WebSocket connection the emulator accepted (or rejected at the handshake): the request, the setup the client
/// sent, the frames both ways, how it ended and how far its script got. A reconnect, for example a session resumed
/// with a handle, is a new connection with the next <see cref="Number"/>.
/// </summary>
public sealed class EmulatorConnection
{
    private readonly object _gate = new();
    private readonly List<EmulatorFrame> _frames = [];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _stripped = [];
    private EmulatorFrame? _setupFrame;

    internal EmulatorConnection(
        int number,
        LiveEmulatorOptions options,
        string path,
        string queryString,
        string apiVersion,
        string method,
        IReadOnlyDictionary<string, string> headers,
        string? apiKey,
        bool hasScript)
    {
        Number = number;
        Options = options;
        Path = path;
        QueryString = queryString;
        ApiVersion = apiVersion;
        Method = method;
        Headers = headers;
        ApiKey = apiKey;
        HasScript = hasScript;
    }

    /// <summary>The connection's number, from 1 in the order the connections arrived.</summary>
    public int Number { get; }

    /// <summary>The request path, for example <c>//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent</c>.</summary>
    public string Path { get; }

    /// <summary>The raw query string, including the leading <c>?</c> (empty when none). It carries the key the JavaScript client sends.</summary>
    public string QueryString { get; }

    /// <summary>
    /// Whether the client connected at the Vertex AI path (<c>/ws/google.cloud.aiplatform.{version}.LlmBidiService/BidiGenerateContent</c>),
    /// where <c>setup.model</c> is a <c>publishers/…/models/…</c> or <c>projects/…</c> name.
    /// </summary>
    public bool IsVertexAI => Path.Contains(".LlmBidiService/", StringComparison.Ordinal);

    /// <summary>
    /// The fields the emulator's profile dropped instead of refusing (<see cref="LiveEmulatorProfile.StripsUnsupportedFields"/>),
    /// for example <c>setup: behavior of get_weather</c> or <c>toolResponse: scheduling of call-1</c>, in order.
    /// </summary>
    public IReadOnlyList<string> StrippedFields
    {
        get
        {
            lock (_gate)
            {
                return [.. _stripped];
            }
        }
    }

    /// <summary>The API version in the path, for example <c>v1beta</c>.</summary>
    public string ApiVersion { get; }

    /// <summary>The method in the path: <c>BidiGenerateContent</c>, or <c>BidiGenerateContentConstrained</c> for ephemeral tokens.</summary>
    public string Method { get; }

    /// <summary>The request headers (names in lower case; repeated headers joined with a comma).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The API key or token the client presented (query <c>key</c>/<c>access_token</c>, header <c>x-goog-api-key</c> or <c>Authorization</c>), or null.</summary>
    public string? ApiKey { get; }

    /// <summary>Whether a queued script was assigned to this connection.</summary>
    public bool HasScript { get; }

    /// <summary>The HTTP status the handshake was rejected with (<see cref="LiveScript.RejectHandshake"/>), or null when it was accepted.</summary>
    public int? RejectedHandshakeStatus { get; internal set; }

    /// <summary>The client's setup frame, once received.</summary>
    public EmulatorFrame? SetupFrame
    {
        get
        {
            lock (_gate)
            {
                return _setupFrame;
            }
        }
    }

    /// <summary>The <c>setup</c> object the client sent; <c>default</c> until it arrives.</summary>
    public JsonElement Setup => SetupFrame?.Body ?? default;

    /// <summary>The model named in setup, for example <c>models/gemini-live-2.5-flash-preview</c>.</summary>
    public string? Model => JsonFields.GetString(Setup, "model");

    /// <summary>Whether setup carried <c>sessionResumption</c> (so the service would send resumption updates).</summary>
    public bool ResumptionEnabled => JsonFields.TryGet(Setup, "sessionResumption", out JsonElement value) && value.ValueKind == JsonValueKind.Object;

    /// <summary>The handle the client resumes with (<c>setup.sessionResumption.handle</c>), or null.</summary>
    public string? ResumptionHandle =>
        JsonFields.TryGet(Setup, "sessionResumption", out JsonElement value) ? JsonFields.GetString(value, "handle") : null;

    /// <summary>The response modalities requested in setup (empty when none, which the Gemini API treats as audio).</summary>
    public IReadOnlyList<string> ResponseModalities =>
        JsonFields.TryGet(Setup, "generationConfig", out JsonElement config)
            ? JsonFields.GetArray(config, "responseModalities").Select(m => m.ToString()).ToArray()
            : [];

    /// <summary>Whether setup asked for transcriptions of the model's audio (<c>outputAudioTranscription</c>).</summary>
    public bool OutputAudioTranscriptionEnabled =>
        JsonFields.TryGet(Setup, "outputAudioTranscription", out JsonElement value) && value.ValueKind == JsonValueKind.Object;

    /// <summary>Whether setup asked for transcriptions of the user's audio (<c>inputAudioTranscription</c>).</summary>
    public bool InputAudioTranscriptionEnabled =>
        JsonFields.TryGet(Setup, "inputAudioTranscription", out JsonElement value) && value.ValueKind == JsonValueKind.Object;

    /// <summary>The names of the functions declared in setup, in order.</summary>
    public IReadOnlyList<string> FunctionNames =>
        JsonFields.GetArray(Setup, "tools")
            .SelectMany(tool => JsonFields.GetArray(tool, "functionDeclarations"))
            .Select(declaration => JsonFields.GetString(declaration, "name") ?? string.Empty)
            .ToArray();

    /// <summary>The frames of this connection, both ways, in the order recorded.</summary>
    public IReadOnlyList<EmulatorFrame> Frames
    {
        get
        {
            lock (_gate)
            {
                return _frames.ToArray();
            }
        }
    }

    /// <summary>The frames the client sent on this connection (close frame included).</summary>
    public IReadOnlyList<EmulatorFrame> ReceivedFrames => Frames.Where(f => f.Direction == FrameDirection.ClientToServer).ToArray();

    /// <summary>The frames the emulator sent on this connection (close frame included).</summary>
    public IReadOnlyList<EmulatorFrame> SentFrames => Frames.Where(f => f.Direction == FrameDirection.ServerToClient).ToArray();

    /// <summary>Whether the connection is still open.</summary>
    public bool IsOpen => !_ended.Task.IsCompleted;

    /// <summary>Completes when the connection has ended (closed, aborted or rejected).</summary>
    public Task Completion => _ended.Task;

    /// <summary>Whether the client sent a close frame.</summary>
    public bool ClosedByClient { get; internal set; }

    /// <summary>
    /// The status of the client's close frame, or null when it sent none. A close frame without a status (the
    /// JavaScript client's close) reads as 1000 in the .NET WebSocket stack.
    /// </summary>
    public int? ClientCloseStatus { get; internal set; }

    /// <summary>The status the emulator closed with, or null.</summary>
    public int? ServerCloseStatus { get; internal set; }

    /// <summary>The reason the emulator closed with, or null.</summary>
    public string? ServerCloseReason { get; internal set; }

    /// <summary>Whether the connection ended without a close handshake (dropped by <see cref="LiveScript.Abort"/> or by the client).</summary>
    public bool Aborted { get; internal set; }

    /// <summary>How far the connection's script got (rule-mode-only connections go straight to <see cref="ScriptStatus.Completed"/>).</summary>
    public ScriptStatus ScriptStatus { get; internal set; }

    /// <summary>Why the script failed or was interrupted, or null.</summary>
    public string? ScriptError { get; internal set; }

    /// <summary>The description of the step the script is at (while running), or null.</summary>
    public string? CurrentStep { get; internal set; }

    internal LiveEmulatorOptions Options { get; }

    /// <inheritdoc />
    public override string ToString() => $"connection {Number} ({Path}, {(IsOpen ? "open" : "ended")}, script {ScriptStatus})";

    internal void Add(EmulatorFrame frame)
    {
        lock (_gate)
        {
            _frames.Add(frame);
        }
    }

    internal void SetSetup(EmulatorFrame frame)
    {
        lock (_gate)
        {
            _setupFrame = frame;
        }
    }

    internal void MarkEnded() => _ended.TrySetResult();

    internal void AddStripped(List<string> fields)
    {
        lock (_gate)
        {
            _stripped.AddRange(fields);
        }
    }
}
