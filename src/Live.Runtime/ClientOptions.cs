using System.Net.WebSockets;
using Live.Session;
using Live.Transport;
using Microsoft.Extensions.Logging;

namespace Live;

/// <summary>
/// Settings of a <see cref="Client"/>: the backend (Gemini API or Vertex AI), credentials, endpoint, limits and
/// logging. A <see cref="Client"/> copies them when it is created; later changes do not affect it.
/// </summary>
public sealed class ClientOptions
{
    private Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The default of <see cref="SetupTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultSetupTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="MaxIncomingMessageBytes"/>: 16 MiB.</summary>
    public const int DefaultMaxIncomingMessageBytes = 16 * 1024 * 1024;

    /// <summary>The default of <see cref="MaxJsonDepth"/>: 64.</summary>
    public const int DefaultMaxJsonDepth = 64;

    /// <summary>
    /// The API key: a Gemini API key (sent as the <c>key</c> query parameter), an ephemeral token
    /// <c>auth_tokens/…</c> (sent as <c>access_token</c> to the constrained method), or with <see cref="VertexAI"/> an
    /// express-mode key (sent in the <c>x-goog-api-key</c> header). Never logged or shown by <see cref="ToString"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Whether <see cref="AsyncLive.ConnectAsync"/> checks the setup against the model's row of
    /// <see cref="LiveModelProfiles"/> (refusing, before connecting, what the model cannot accept) and the tool loop
    /// follows the row (default behavior of unannotated tools, <c>willContinue</c>, <c>scheduling</c>, <c>parts</c>).
    /// Default true. Models no row covers are never checked.
    /// </summary>
    public bool CheckModelCapabilities { get; set; } = true;

    /// <summary>Whether to use Vertex AI instead of the Gemini Developer API.</summary>
    public bool VertexAI { get; set; }

    /// <summary>The Google Cloud project (Vertex AI).</summary>
    public string? Project { get; set; }

    /// <summary>The Google Cloud location (Vertex AI), for example <c>us-central1</c>; <c>global</c> when not set.</summary>
    public string? Location { get; set; }

    /// <summary>
    /// Supplies an OAuth2 access token (scope <c>https://www.googleapis.com/auth/cloud-platform</c>) for Vertex AI,
    /// sent as <c>Authorization: Bearer …</c>. Called once per connection.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? AccessTokenProvider { get; set; }

    /// <summary>
    /// A different service address (a proxy or gateway). <c>http</c> becomes <c>ws</c>, <c>https</c> becomes
    /// <c>wss</c>; the Live path is appended as the official clients do. When null, <c>GOOGLE_GEMINI_BASE_URL</c> or
    /// <c>GOOGLE_VERTEX_BASE_URL</c> is used if set. With <see cref="VertexAI"/> and neither project nor key, the URL
    /// is used as it is (a gateway).
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The API version. Null means the default: <c>v1beta</c> on the Gemini API (<c>v1alpha</c> for an ephemeral
    /// <c>auth_tokens/…</c> token) and <c>v1beta1</c> on Vertex AI.
    /// </summary>
    public string? ApiVersion { get; set; }

    /// <summary>Extra HTTP headers sent with the WebSocket handshake. Their values are never logged.</summary>
    public IDictionary<string, string> Headers => _headers;

    /// <summary>The logger factory; none when null. Payloads are logged only at <see cref="LogLevel.Trace"/>; keys and tokens never.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Adjusts the <see cref="ClientWebSocket"/> before it connects (for example a proxy, certificates, keep-alive).</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>
    /// Whether to connect with a <see cref="ClientWebSocket"/> (false by default). By default the client opens the connection
    /// itself (TCP, TLS, the WebSocket handshake) and reads it on a dedicated thread named <c>Live receive</c> with blocking
    /// reads, handing each message to the waiting reader on that thread: one thread wake-up per message instead of two. The
    /// <see cref="ClientWebSocket"/> is used anyway when <see cref="ConfigureWebSocket"/> is set, when a proxy applies to the
    /// service's address (<see cref="System.Net.Http.HttpClient.DefaultProxy"/>, for example from <c>HTTPS_PROXY</c>), or
    /// when <see cref="Headers"/> sets a header the handshake writes itself; <see cref="WebSocketFactory"/> replaces both.
    /// Set it for a handshake only the <see cref="ClientWebSocket"/> does (for example HTTP/2 through
    /// <see cref="ConfigureWebSocket"/>), or to keep every read on the thread pool.
    /// </summary>
    public bool UseClientWebSocket { get; set; }

    /// <summary>
    /// Validates the service's TLS certificate on the default transport instead of the system's trust store (null: the
    /// system's validation). Internal: the tests use it for a server with a certificate of their own.
    /// </summary>
    internal System.Net.Security.RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>
    /// Supplies an already connected <see cref="WebSocket"/> instead of a <see cref="ClientWebSocket"/>: it gets the
    /// URL (which may carry the API key) and the handshake headers. For tests, unusual transports and proxies.
    /// </summary>
    public Func<Uri, IReadOnlyDictionary<string, string>, CancellationToken, ValueTask<WebSocket>>? WebSocketFactory { get; set; }

    /// <summary>
    /// How long <see cref="AsyncLive.ConnectAsync"/> waits for the connection and <c>setupComplete</c> before it fails
    /// with a <see cref="TimeoutException"/>; 30 seconds by default, <see cref="Timeout.InfiniteTimeSpan"/> for no limit.
    /// </summary>
    public TimeSpan SetupTimeout { get; set; } = DefaultSetupTimeout;

    /// <summary>The largest message accepted from the service (16 MiB by default); a larger one closes the session with a <see cref="LiveProtocolException"/>.</summary>
    public int MaxIncomingMessageBytes { get; set; } = DefaultMaxIncomingMessageBytes;

    /// <summary>The deepest JSON nesting accepted from the service (64 by default); a deeper message closes the session with a <see cref="LiveProtocolException"/>.</summary>
    public int MaxJsonDepth { get; set; } = DefaultMaxJsonDepth;

    /// <summary>The default of <see cref="KeepAliveInterval"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultKeepAliveInterval = TimeSpan.FromSeconds(5);

    /// <summary>The default of <see cref="KeepAliveTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultKeepAliveTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default of <see cref="CloseTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultCloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default of <see cref="MaxParsedMessageBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxParsedMessageBytes = 64L * 1024 * 1024;

    /// <summary>The default of <see cref="MaxReceiveQueueBytes"/>: 32 MiB.</summary>
    public const long DefaultMaxReceiveQueueBytes = 32L * 1024 * 1024;

    /// <summary>
    /// How often the WebSocket sends a ping to the service (5 seconds by default; <see cref="TimeSpan.Zero"/> turns the
    /// keep-alive off). With <see cref="KeepAliveTimeout"/> it is how a connection whose peer went away without a close
    /// frame (a stopped server, a dropped NAT mapping, a black-holed route) is noticed: see <see cref="KeepAliveTimeout"/>.
    /// Applied to the <see cref="ClientWebSocket"/> before <see cref="ConfigureWebSocket"/> runs (which may change it);
    /// a socket from <see cref="WebSocketFactory"/> keeps its own settings.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = DefaultKeepAliveInterval;

    /// <summary>
    /// How long the WebSocket waits for the pong of a keep-alive ping before it declares the connection dead (10 seconds
    /// by default; <see cref="Timeout.InfiniteTimeSpan"/> sends pings without waiting for pongs). A dead connection is
    /// therefore noticed within 2 × <see cref="KeepAliveInterval"/> + <see cref="KeepAliveTimeout"/> (20 seconds by
    /// default; the WebSocket checks on a timer of its own), whether the session is receiving, sending or idle: it then
    /// ends as any lost connection does (a <see cref="LiveServerException"/> with close code 1006 that says so) or, with
    /// session resumption, resumes. Pongs are read by the session's receive loop, so a reader that leaves a full receive
    /// queue (see <see cref="MaxReceiveQueueBytes"/>) unread for longer than this can make a live connection look dead:
    /// keep reading. Needs .NET 9 or later (the <c>net10.0</c> build); on .NET 8 the WebSocket only sends unsolicited
    /// pongs, so set <see cref="ReceiveIdleTimeout"/> there.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = DefaultKeepAliveTimeout;

    /// <summary>
    /// How long the connection may deliver nothing at all before it is declared dead (off by default:
    /// <see cref="Timeout.InfiniteTimeSpan"/>). The Live API sends nothing while the user is silent and the protocol has
    /// no ping of its own, so only set it when your session always expects traffic within that time (for example a
    /// continuous audio session with transcription), or on .NET 8 where <see cref="KeepAliveTimeout"/> is not available.
    /// Time spent waiting for the reader of a full receive queue (see <see cref="MaxReceiveQueueBytes"/>) does not count.
    /// </summary>
    public TimeSpan ReceiveIdleTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// The most <see cref="AsyncSession.CloseAsync"/> and <see cref="AsyncSession.DisposeAsync"/> wait for the close
    /// handshake (5 seconds by default) whatever the peer does (silent, not reading, a send blocked); then the connection
    /// is aborted. A close after the connection was lost returns at once.
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = DefaultCloseTimeout;

    /// <summary>
    /// The most memory one message may cost once parsed, as estimated before parsing from its size and its number of
    /// JSON objects and arrays (64 MiB by default). A message above it (for example millions of empty parts, which are
    /// small on the wire but large as objects) closes the session with a fatal <see cref="LiveProtocolException"/>
    /// (close code 1009) instead of being parsed.
    /// </summary>
    public long MaxParsedMessageBytes { get; set; } = DefaultMaxParsedMessageBytes;

    /// <summary>
    /// The most bytes of received messages that wait for <see cref="AsyncSession.ReceiveAsync"/> (32 MiB by default; at
    /// least one message always fits). When the reader falls behind, the client stops reading from the network until it
    /// catches up, so a fast service (or a hostile one) cannot fill the memory of a slow consumer. Together with
    /// <see cref="MaxIncomingMessageBytes"/> and <see cref="MaxParsedMessageBytes"/> it bounds what one session holds
    /// in received data: at most <c>MaxReceiveQueueBytes + MaxIncomingMessageBytes + MaxParsedMessageBytes</c>.
    /// </summary>
    public long MaxReceiveQueueBytes { get; set; } = DefaultMaxReceiveQueueBytes;

    /// <summary>Whether unencrypted <c>ws://</c> is allowed to hosts other than the loopback interface; false by default.</summary>
    public bool AllowInsecureTransport { get; set; }

    /// <summary>The default of <see cref="MaxResumptionAttempts"/>: 5.</summary>
    public const int DefaultMaxResumptionAttempts = 5;

    /// <summary>The default of <see cref="ResumptionRetryDelay"/>: 250 milliseconds.</summary>
    public static readonly TimeSpan DefaultResumptionRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Whether a session whose <see cref="LiveConnectConfig.SessionResumption"/> is set resumes by itself (true by
    /// default): on <c>goAway</c>, or when the connection drops with a code that does not blame the request (1006,
    /// 1011, 1001, …; never 1000, 1007, 1008 or 4000–4999), it opens a new connection, sends <c>setup</c> again with the
    /// latest resumable handle, and <see cref="AsyncSession.ReceiveAsync"/> goes on. False turns this off: the session
    /// then only reports <c>sessionResumptionUpdate</c> and <c>goAway</c>, and a drop ends it as without resumption.
    /// Without <see cref="LiveConnectConfig.SessionResumption"/> nothing is resumed either way.
    /// </summary>
    public bool AutomaticResumption { get; set; } = true;

    /// <summary>
    /// How many connections one resumption tries before the session ends with a <see cref="LiveResumptionException"/>
    /// (5 by default). The first try is immediate; later tries wait <see cref="ResumptionRetryDelay"/>, doubling each
    /// time up to 8 seconds.
    /// </summary>
    public int MaxResumptionAttempts { get; set; } = DefaultMaxResumptionAttempts;

    /// <summary>The wait before the second try of a resumption (250 ms by default); it doubles for each further try, up to 8 seconds.</summary>
    public TimeSpan ResumptionRetryDelay { get; set; } = DefaultResumptionRetryDelay;

    /// <summary>Replaces the WebSocket transport (in-memory tests).</summary>
    internal LiveTransportFactory? TransportFactory { get; set; }

    /// <summary>Reads environment variables (tests replace it).</summary>
    internal Func<string, string?> EnvironmentReader { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Creates options from the environment as the official clients read it.</summary>
    /// <param name="environment">Reads a variable.</param>
    /// <returns>The options.</returns>
    /// <remarks>
    /// <c>GOOGLE_API_KEY</c> wins over <c>GEMINI_API_KEY</c> when both are set (measured in both official SDKs);
    /// <c>GOOGLE_GENAI_USE_VERTEXAI</c> (<c>true</c>/<c>1</c>) selects Vertex AI with <c>GOOGLE_CLOUD_PROJECT</c>
    /// and <c>GOOGLE_CLOUD_LOCATION</c>.
    /// </remarks>
    internal static ClientOptions FromEnvironment(Func<string, string?> environment)
    {
        string? Read(string name) => environment(name) is { Length: > 0 } value ? value : null;

        bool vertex = Read("GOOGLE_GENAI_USE_VERTEXAI") is { } flag
            && (flag.Equals("true", StringComparison.OrdinalIgnoreCase) || flag == "1");
        var options = new ClientOptions
        {
            ApiKey = Read("GOOGLE_API_KEY") ?? Read("GEMINI_API_KEY"),
            VertexAI = vertex,
            EnvironmentReader = environment,
        };

        if (vertex)
        {
            options.Project = Read("GOOGLE_CLOUD_PROJECT");
            options.Location = Read("GOOGLE_CLOUD_LOCATION");
            if (options.Project is not null)
            {
                // Project/location and an API key are exclusive; the explicit project wins, as in the official SDKs.
                options.ApiKey = null;
            }
        }

        return options;
    }

    /// <summary>Copies the options.</summary>
    /// <returns>The copy.</returns>
    /// <remarks>
    /// One field-by-field copy, then a copy of the headers of its own: every option is copied without code per option
    /// (on a fresh process, copying them one by one jitted some fifty property accessors for the first client).
    /// </remarks>
    internal ClientOptions Clone()
    {
        var copy = (ClientOptions)MemberwiseClone();
        copy._headers = new Dictionary<string, string>(_headers, StringComparer.OrdinalIgnoreCase);
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ClientOptions ({(VertexAI ? "Vertex AI" : "Gemini API")}, API key {(string.IsNullOrEmpty(ApiKey) ? "not set" : "set")}"
        + (Project is null ? string.Empty : $", project {Project}")
        + (Location is null ? string.Empty : $", location {Location}")
        + (BaseUrl is null ? string.Empty : $", base URL {UrlRedaction.Redact(BaseUrl)}")
        + (Headers.Count == 0 ? string.Empty : $", {Headers.Count} header(s)")
        + ")";
}
