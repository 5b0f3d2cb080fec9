using Live.Tools;
using Microsoft.AspNetCore.Http;

namespace Live.AspNetCore;

/// <summary>
/// Settings of a browser relay endpoint (<see cref="LiveRelayEndpointRouteBuilderExtensions.MapLiveRelay(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, Action{LiveRelayOptions})"/>):
/// which model and client the server-side session uses, its configuration, the tools it runs, and the limits that keep
/// one page from taking more than its share of the server.
/// </summary>
/// <remarks>
/// The relay protocol between the page and the endpoint is described in <c>docs/browser.md</c>: binary WebSocket
/// messages carry 16-bit little-endian mono PCM (page → server at <see cref="InputSampleRate"/>, server → page at the
/// rate the <c>ready</c> message announces), text messages carry one JSON object with a <c>type</c>.
/// </remarks>
public sealed class LiveRelayOptions
{
    /// <summary>The default of <see cref="MaxIncomingMessageBytes"/>: 64 KiB (two seconds of 16 kHz audio in one message).</summary>
    public const int DefaultMaxIncomingMessageBytes = 64 * 1024;

    /// <summary>The default of <see cref="MaxPendingMessagesToPage"/>: 256.</summary>
    public const int DefaultMaxPendingMessagesToPage = 256;

    /// <summary>The model of every session, for example <c>gemini-live-2.5-flash-preview</c>. Required.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>
    /// The client that opens the server-side sessions; it holds the API key (or Vertex AI credentials), which never
    /// reaches the page. When null, a <see cref="Live.Client"/> registered in the application's services is used.
    /// </summary>
    public Client? Client { get; set; }

    /// <summary>
    /// Builds the configuration of one session from the request (for example a system instruction per signed-in
    /// user). When null: audio responses with input and output transcription. The declarations of <see cref="Tools"/>
    /// are added to it unless it already declares functions.
    /// </summary>
    public Func<HttpContext, LiveConnectConfig>? ConfigureSession { get; set; }

    /// <summary>
    /// Gives the tools of one session (called once per connection, so a tool set may hold per-user state, or the
    /// same instance may be returned every time). When null, the session runs without tools.
    /// </summary>
    public Func<HttpContext, ILiveToolSet>? Tools { get; set; }

    /// <summary>How the tools run (timeouts, concurrency); null for the defaults of <see cref="LiveToolOptions"/>.</summary>
    public LiveToolOptions? ToolOptions { get; set; }

    /// <summary>The sample rate of the PCM the page sends in binary messages. Default 16,000 Hz, the Live API's input rate.</summary>
    public int InputSampleRate { get; set; } = 16_000;

    /// <summary>
    /// The sample rate announced to the page for the model's audio. Default 24,000 Hz, the Live API's output rate;
    /// when the model's audio arrives at another rate the relay sends an <c>audioFormat</c> message first.
    /// </summary>
    public int OutputSampleRate { get; set; } = 24_000;

    /// <summary>
    /// The largest message the page may send; a larger one closes the page's socket with 1009 (message too big).
    /// Default <see cref="DefaultMaxIncomingMessageBytes"/>.
    /// </summary>
    public int MaxIncomingMessageBytes { get; set; } = DefaultMaxIncomingMessageBytes;

    /// <summary>
    /// How many messages (audio chunks, transcripts, tool activity) may wait for a slow page. When the queue is full
    /// the relay stops reading from the Live session until the page catches up, so memory per session stays bounded
    /// and the backpressure reaches the service. Default <see cref="DefaultMaxPendingMessagesToPage"/>.
    /// </summary>
    public int MaxPendingMessagesToPage { get; set; } = DefaultMaxPendingMessagesToPage;

    /// <summary>Whether the page receives <c>toolCall</c> messages (name and arguments). Default true.</summary>
    public bool ForwardToolCalls { get; set; } = true;

    /// <summary>
    /// Whether the page receives <c>toolResult</c> messages (the response object sent to the model). Default true;
    /// turn it off when tool results hold data the user must not see.
    /// </summary>
    public bool ForwardToolResults { get; set; } = true;

    /// <summary>
    /// The origins (for example <c>https://app.example.com</c>) whose pages may open the relay. When empty (the
    /// default) only pages of the same origin as the request may: a browser sends <c>Origin</c> with every WebSocket
    /// handshake, and a cross-site page could otherwise use the visitor's cookies to talk to your agent. Requests
    /// without an <c>Origin</c> header (native clients) are accepted; authenticate them with the endpoint's
    /// authorization policy.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = new List<string>();

    /// <summary>Accepts every origin (development only). Default false.</summary>
    public bool AllowAnyOrigin { get; set; }

    /// <summary>
    /// The keep-alive interval of the page's WebSocket (ping frames, so proxies do not drop a silent connection).
    /// Default 30 seconds.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the settings; called when the endpoint is mapped.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or out of range; the message names it.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new InvalidOperationException("LiveRelayOptions.Model is required (for example \"gemini-live-2.5-flash-preview\").");
        }

        if (Client is null)
        {
            throw new InvalidOperationException("LiveRelayOptions.Client is required: set it, or register a Live.Client in the application's services.");
        }

        if (InputSampleRate is < 8_000 or > 48_000 || OutputSampleRate is < 8_000 or > 48_000)
        {
            throw new InvalidOperationException("LiveRelayOptions.InputSampleRate and OutputSampleRate must be between 8,000 and 48,000 Hz.");
        }

        if (MaxIncomingMessageBytes < 1024)
        {
            throw new InvalidOperationException("LiveRelayOptions.MaxIncomingMessageBytes must be at least 1,024.");
        }

        if (MaxPendingMessagesToPage < 1)
        {
            throw new InvalidOperationException("LiveRelayOptions.MaxPendingMessagesToPage must be at least 1.");
        }
    }
}
