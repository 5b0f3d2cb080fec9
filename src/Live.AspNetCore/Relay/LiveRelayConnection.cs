using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Live.Tools;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Live.AspNetCore;

/// <summary>
/// One page paired with one Live session. Three loops: page → Live (audio and commands, each awaited, so a slow Live
/// socket slows the page's reads and TCP pushes back to the browser), Live → queue (messages of the session and of
/// the tool set, into a bounded queue: a full queue stops the reads from the Live session), and queue → page (the
/// only writer of the page's socket). Barge-in: <c>interrupted</c> bumps a generation number, and audio queued
/// before it is dropped instead of sent.
/// </summary>
internal sealed partial class LiveRelayConnection
{
    private readonly WebSocket _page;
    private readonly LiveRelayOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Outgoing> _outgoing;
    private readonly string _inputMimeType;
    private int _generation;
    private int _announcedOutputRate;
    private WebSocketCloseStatus? _pageCloseStatus;
    private string _pageCloseReason = string.Empty;

    private LiveRelayConnection(WebSocket page, LiveRelayOptions options, ILogger logger)
    {
        _page = page;
        _options = options;
        _logger = logger;
        _outgoing = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(options.MaxPendingMessagesToPage)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _inputMimeType = "audio/pcm;rate=" + options.InputSampleRate.ToString(CultureInfo.InvariantCulture);
        _announcedOutputRate = options.OutputSampleRate;
    }

    /// <summary>Audio chunks dropped because an <c>interrupted</c> made them stale (for tests and diagnostics).</summary>
    internal long DroppedAudioChunks { get; private set; }

    /// <summary>Handles one request to the relay endpoint: checks it, accepts the WebSocket and runs the pairing.</summary>
    public static async Task HandleAsync(HttpContext context, LiveRelayOptions options, ILogger logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint accepts WebSocket connections only.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!IsOriginAllowed(context, options))
        {
            Log.OriginRejected(logger, context.Request.Headers.Origin.ToString());
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using WebSocket page = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new LiveRelayConnection(page, options, logger);
        await connection.RunAsync(context, context.RequestAborted).ConfigureAwait(false);
    }

    internal static bool IsOriginAllowed(HttpContext context, LiveRelayOptions options)
    {
        string origin = context.Request.Headers.Origin.ToString();
        if (options.AllowAnyOrigin || origin.Length == 0)
        {
            return true;
        }

        foreach (string allowed in options.AllowedOrigins)
        {
            if (string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // Same origin: the page was served by this host, on this scheme (ws ↔ http, wss ↔ https).
        string scheme = context.Request.IsHttps ? "https" : "http";
        return options.AllowedOrigins.Count == 0
            && Uri.TryCreate(origin, UriKind.Absolute, out Uri? originUri)
            && string.Equals(originUri.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(originUri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private async Task RunAsync(HttpContext context, CancellationToken requestAborted)
    {
        // Three tokens, because cancelling a pending read or write of a WebSocket aborts it (the page would lose what
        // it had not read yet): the Live side stops first, the page's socket only after a close handshake.
        using var stopLive = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        using var stopWriter = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        using var stopPage = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);

        ILiveToolSet? tools = _options.Tools?.Invoke(context);
        LiveConnectConfig config = _options.ConfigureSession?.Invoke(context) ?? new LiveConnectConfig
        {
            ResponseModalities = [Modality.Audio],
            InputAudioTranscription = new AudioTranscriptionConfig(),
            OutputAudioTranscription = new AudioTranscriptionConfig(),
        };
        if (tools is not null && !(config.Tools?.Any(t => t.FunctionDeclarations is { Count: > 0 }) ?? false))
        {
            config.Tools = [.. config.Tools ?? [], Tool.FromFunctions(tools.FunctionDeclarations)];
        }

        AsyncSession session;
        try
        {
            session = await _options.Client!.Live.ConnectAsync(_options.Model, config, stopLive.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LiveException or OperationCanceledException or InvalidOperationException or ArgumentException)
        {
            // The page learns that it failed, not why: the reason may describe the server's credentials or setup.
            Log.ConnectFailed(_logger, ex);
            await SendDirectAndCloseAsync(RelayMessages.Error("connect_failed", "The server could not open the Live session."), WebSocketCloseStatus.InternalServerError).ConfigureAwait(false);
            return;
        }

        await using (session.ConfigureAwait(false))
        {
            Log.Paired(_logger, session.SessionId);
            _outgoing.Writer.TryWrite(Outgoing.Control(RelayMessages.Ready(_options.InputSampleRate, _options.OutputSampleRate)));

            Task writer = WriteToPageAsync(stopWriter.Token);
            Task fromPage = PumpFromPageAsync(session, stopPage.Token);
            Task fromLive = PumpFromLiveAsync(session, tools, stopLive.Token);

            Task first = await Task.WhenAny(fromPage, fromLive).ConfigureAwait(false);
            WebSocketCloseStatus closeStatus = _pageCloseStatus ?? WebSocketCloseStatus.NormalClosure;
            string closeReason = _pageCloseReason;
            if (first == fromLive)
            {
                // The Live session ended: tell the page why before closing its socket.
                (string reason, bool failed) = Describe(fromLive);
                closeStatus = failed ? WebSocketCloseStatus.InternalServerError : WebSocketCloseStatus.NormalClosure;
                closeReason = reason;
                _outgoing.Writer.TryWrite(Outgoing.Control(RelayMessages.Closed(reason)));
            }
            else
            {
                // The page left (or broke the protocol): nothing more to read from the Live session.
                await stopLive.CancelAsync().ConfigureAwait(false);
            }

            // Let the queue drain (the last audio, an error the page should read), briefly, then close the page's socket
            // with a handshake and wait for the page's answer.
            _outgoing.Writer.TryComplete();
            if (_page.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(first == fromLive ? 5 : 1), CancellationToken.None)).ConfigureAwait(false);
            }

            await stopWriter.CancelAsync().ConfigureAwait(false);
            await Quietly(writer).ConfigureAwait(false);
            await CloseWithAsync(closeStatus, closeReason).ConfigureAwait(false);
            await Task.WhenAny(fromPage, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);

            await stopPage.CancelAsync().ConfigureAwait(false);
            await stopLive.CancelAsync().ConfigureAwait(false);
            await Quietly(fromPage).ConfigureAwait(false);
            await Quietly(fromLive).ConfigureAwait(false);
            await Quietly(session.CloseAsync(CancellationToken.None)).ConfigureAwait(false);
            Log.Unpaired(_logger, session.SessionId, closeReason.Length > 0 ? closeReason : "the page left");
        }
    }

    // ------------------------------------------------------------------ page → Live

    private async Task PumpFromPageAsync(AsyncSession session, CancellationToken token)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_options.MaxIncomingMessageBytes);
        try
        {
            while (true)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == _options.MaxIncomingMessageBytes)
                    {
                        // Too big to be audio or a command: the page is misbehaving; end the pairing with 1009.
                        string limit = _options.MaxIncomingMessageBytes.ToString(CultureInfo.InvariantCulture);
                        _outgoing.Writer.TryWrite(Outgoing.Control(RelayMessages.Error("message_too_big", $"A message may have at most {limit} bytes.")));
                        _pageCloseStatus = WebSocketCloseStatus.MessageTooBig;
                        _pageCloseReason = $"Message larger than {limit} bytes.";
                        return;
                    }

                    result = await _page.ReceiveAsync(buffer.AsMemory(count, _options.MaxIncomingMessageBytes - count), token).ConfigureAwait(false);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    if (count == 0)
                    {
                        continue;
                    }

                    if (count % 2 != 0)
                    {
                        // Never forward half a sample: the rest of the stream would be noise.
                        await EnqueueAsync(Outgoing.Control(RelayMessages.Error("bad_audio", "Audio messages must hold whole 16-bit samples (an even number of bytes); this one was dropped.")), token).ConfigureAwait(false);
                        continue;
                    }

                    await session.SendAudioAsync(buffer.AsMemory(0, count), _inputMimeType, token).ConfigureAwait(false);
                }
                else
                {
                    await HandleCommandAsync(session, buffer.AsMemory(0, count), token).ConfigureAwait(false);
                }
            }
        }
        catch (WebSocketException) when (_page.State != WebSocketState.Open)
        {
            // The page went away without a close handshake.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleCommandAsync(AsyncSession session, ReadOnlyMemory<byte> json, CancellationToken token)
    {
        string? type = null;
        string? text = null;
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isType = reader.ValueTextEquals("type"u8);
                    bool isText = reader.ValueTextEquals("text"u8);
                    reader.Read();
                    if (isType && reader.TokenType == JsonTokenType.String)
                    {
                        type = reader.GetString();
                    }
                    else if (isText && reader.TokenType == JsonTokenType.String)
                    {
                        text = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            type = null;
        }

        switch (type)
        {
            case "text" when !string.IsNullOrEmpty(text):
                await session.SendTextAsync(text, token).ConfigureAwait(false);
                break;
            case "audioStreamEnd":
                await session.SendAudioStreamEndAsync(token).ConfigureAwait(false);
                break;
            case "activityStart":
                await session.SendActivityStartAsync(token).ConfigureAwait(false);
                break;
            case "activityEnd":
                await session.SendActivityEndAsync(token).ConfigureAwait(false);
                break;
            default:
                // Bad input never ends the session: the page is told, the message is dropped.
                string shown = type is null ? "not a JSON object with a string \"type\"" : $"unknown type \"{Truncate(type)}\" or missing \"text\"";
                await EnqueueAsync(Outgoing.Control(RelayMessages.Error("bad_message",
                    $"Dropped a text message: {shown}. Send {{\"type\":\"text\",\"text\":…}}, audioStreamEnd, activityStart or activityEnd.")), token).ConfigureAwait(false);
                break;
        }
    }

    // ------------------------------------------------------------------ Live → page

    private async Task PumpFromLiveAsync(AsyncSession session, ILiveToolSet? tools, CancellationToken token)
    {
        if (tools is null)
        {
            await foreach (LiveServerMessage message in session.ReceiveAsync(token).ConfigureAwait(false))
            {
                await ForwardAsync(message, token).ConfigureAwait(false);
            }

            return;
        }

        ILiveToolSet relayed = _options.ForwardToolCalls || _options.ForwardToolResults ? new RelayedToolSet(tools, this, _options) : tools;
        await session.RunWithToolsAsync(relayed, ForwardAsync, _options.ToolOptions, token).ConfigureAwait(false);
    }

    private async ValueTask ForwardAsync(LiveServerMessage message, CancellationToken token)
    {
        LiveServerContent? content = message.ServerContent;
        if (content is null)
        {
            return;
        }

        if (content.Interrupted == true)
        {
            // Barge-in: audio already queued for the page is now stale; the page flushes what it buffered.
            Interlocked.Increment(ref _generation);
            await EnqueueAsync(Outgoing.Control(RelayMessages.Interrupted()), token).ConfigureAwait(false);
        }

        if (content.InputTranscription?.Text is { Length: > 0 } heard)
        {
            await EnqueueAsync(Outgoing.Control(RelayMessages.Transcript("user", heard)), token).ConfigureAwait(false);
        }

        if (content.ModelTurn?.Parts is { } parts)
        {
            foreach (Part part in parts)
            {
                if (part.InlineData is { MimeType: { } mime, Data.IsEmpty: false } blob && mime.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
                {
                    int rate = RateOf(mime, _options.OutputSampleRate);
                    if (rate != _announcedOutputRate)
                    {
                        _announcedOutputRate = rate;
                        await EnqueueAsync(Outgoing.Control(RelayMessages.AudioFormat(rate)), token).ConfigureAwait(false);
                    }

                    await EnqueueAsync(Outgoing.Audio(blob.Data, Volatile.Read(ref _generation)), token).ConfigureAwait(false);
                }
                else if (part.Text is { Length: > 0 } text && part.Thought != true)
                {
                    await EnqueueAsync(Outgoing.Control(RelayMessages.Text(text)), token).ConfigureAwait(false);
                }
            }
        }

        if (content.OutputTranscription?.Text is { Length: > 0 } said)
        {
            await EnqueueAsync(Outgoing.Control(RelayMessages.Transcript("model", said)), token).ConfigureAwait(false);
        }

        if (content.TurnComplete == true)
        {
            await EnqueueAsync(Outgoing.Control(RelayMessages.TurnComplete()), token).ConfigureAwait(false);
        }
    }

    /// <summary>Queues a message for the page; waits while the queue is full (backpressure). Drops it when the page is gone.</summary>
    internal async ValueTask EnqueueAsync(Outgoing message, CancellationToken token)
    {
        try
        {
            await _outgoing.Writer.WriteAsync(message, token).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The page's side is closing: nothing more reaches it.
        }
    }

    private async Task WriteToPageAsync(CancellationToken token)
    {
        try
        {
            await foreach (Outgoing message in _outgoing.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                if (message.IsAudio && message.Generation != Volatile.Read(ref _generation))
                {
                    DroppedAudioChunks++;
                    continue;
                }

                await _page.SendAsync(message.Data, message.IsAudio ? WebSocketMessageType.Binary : WebSocketMessageType.Text, endOfMessage: true, token).ConfigureAwait(false);
            }
        }
        catch (WebSocketException) when (_page.State != WebSocketState.Open)
        {
            // The page went away; the other loops see it too.
        }
    }

    // ------------------------------------------------------------------ closing

    private async Task SendDirectAndCloseAsync(byte[] message, WebSocketCloseStatus status)
    {
        try
        {
            await _page.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // The page is already gone.
        }

        await CloseWithAsync(status, string.Empty).ConfigureAwait(false);
    }

    private async Task CloseWithAsync(WebSocketCloseStatus status, string reason)
    {
        if (_page.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _page.CloseOutputAsync(status, Truncate(reason, 120), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Best effort: the page may be gone.
        }
    }

    private (string Reason, bool Failed) Describe(Task fromLive)
    {
        if (fromLive.IsCompletedSuccessfully)
        {
            return ("The Live session ended.", false);
        }

        Exception? error = fromLive.Exception?.GetBaseException();
        if (error is not null)
        {
            Log.SessionFailed(_logger, error);
        }

        // As at connect: the page learns that the session failed; the server's log has why.
        return ("The Live session failed.", true);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or LiveException or ObjectDisposedException or InvalidOperationException)
        {
            // Shutting down: the interesting failure was already reported.
        }
    }

    private static int RateOf(string mimeType, int fallback)
    {
        int at = mimeType.IndexOf("rate=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return fallback;
        }

        ReadOnlySpan<char> digits = mimeType.AsSpan(at + 5);
        int end = digits.IndexOf(';');
        return int.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out int rate) && rate is >= 8_000 and <= 48_000
            ? rate
            : fallback;
    }

    private static string Truncate(string text, int max = 40)
    {
        if (text.Length <= max)
        {
            return text;
        }

        // Close reasons are limited to 123 UTF-8 bytes; keep it short and ASCII-safe.
        return text[..max] + "…";
    }

    /// <summary>A message waiting for the page: JSON text, or a chunk of the model's audio tagged with its generation.</summary>
    internal readonly struct Outgoing
    {
        private Outgoing(ReadOnlyMemory<byte> data, bool isAudio, int generation)
        {
            Data = data;
            IsAudio = isAudio;
            Generation = generation;
        }

        public ReadOnlyMemory<byte> Data { get; }

        public bool IsAudio { get; }

        public int Generation { get; }

        public static Outgoing Control(byte[] json) => new(json, false, 0);

        public static Outgoing Audio(ReadOnlyMemory<byte> pcm, int generation) => new(pcm, true, generation);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Live relay: page paired with Live session {SessionId}.")]
        public static partial void Paired(ILogger logger, string? sessionId);

        [LoggerMessage(2, LogLevel.Information, "Live relay: session {SessionId} unpaired ({Reason}).")]
        public static partial void Unpaired(ILogger logger, string? sessionId, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Live relay: the Live session could not be opened.")]
        public static partial void ConnectFailed(ILogger logger, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "Live relay: the Live session failed.")]
        public static partial void SessionFailed(ILogger logger, Exception exception);

        [LoggerMessage(5, LogLevel.Warning, "Live relay: rejected a WebSocket request from origin {Origin} (not allowed by LiveRelayOptions.AllowedOrigins).")]
        public static partial void OriginRejected(ILogger logger, string origin);
    }
}
