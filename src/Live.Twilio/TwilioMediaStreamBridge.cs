using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Live.Audio;
using Live.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Live.Twilio;

/// <summary>
/// Bridges a Twilio Media Streams WebSocket (a phone call: μ-law 8 kHz mono, base64 in JSON messages) to a Gemini
/// Live session: the caller's audio goes to the model as PCM 16 kHz, the model's PCM 24 kHz audio goes back to the
/// caller as μ-law 8 kHz, tool calls run on the server, and the caller can interrupt the model (barge-in).
/// </summary>
/// <remarks>
/// <para>
/// Protocol (bidirectional stream, <c>&lt;Connect&gt;&lt;Stream&gt;</c>): Twilio sends <c>connected</c>, <c>start</c>
/// (stream and call ids, media format), then <c>media</c> every 20 ms, <c>mark</c> when audio before a mark has
/// played, <c>dtmf</c>, and <c>stop</c>. The bridge sends <c>media</c> (the model's voice), <c>mark</c> (after each
/// model turn, see <see cref="TwilioMediaStreamOptions.MarkTurns"/>) and <c>clear</c> (when the Live API reports
/// <c>interrupted</c>: Twilio drops the audio it has buffered, so the caller stops hearing the model at once).
/// </para>
/// <para>
/// Audio: μ-law is decoded with <see cref="MuLaw"/> and resampled with <see cref="PcmResampler"/> (anti-aliased,
/// 3.3 ms of filter latency each way); each direction keeps its filter state across messages. Backpressure: each
/// direction awaits its send before reading the next message, so a slow side slows the other through TCP instead of
/// queueing without bound.
/// </para>
/// <para>
/// Errors: Twilio messages that cannot be read (not JSON, bad base64, unknown events, media before <c>start</c>) are
/// skipped and counted (<see cref="TwilioCallSummary.SkippedMessages"/>), with a warning in the log. A stream that
/// never starts, uses another audio format, or sends an oversized message ends the call with a
/// <see cref="TwilioStreamException"/>. A Live session that fails ends the call (the Twilio socket is closed with
/// 1011) and its <see cref="LiveException"/> is thrown.
/// </para>
/// </remarks>
public sealed class TwilioMediaStreamBridge
{
    /// <summary>The rate Twilio streams at.</summary>
    public const int TwilioSampleRate = 8000;

    /// <summary>The rate the bridge sends to the Live API.</summary>
    public const int InputSampleRate = 16000;

    /// <summary>The rate the Live API answers with (when the audio's MIME type does not say otherwise).</summary>
    public const int OutputSampleRate = 24000;

    private static readonly Action<ILogger, string, string, Exception?> s_skipped =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(1, "TwilioMessageSkipped"), "Twilio stream {StreamSid}: skipped a message ({Reason}).");

    private static readonly Action<ILogger, string, string, Exception?> s_started =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(2, "TwilioCallStarted"), "Twilio call {CallSid} (stream {StreamSid}) started; opening the Live session.");

    private static readonly Action<ILogger, string, Exception?> s_ended =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(3, "TwilioCallEnded"), "{Summary}");

    private readonly Client _client;
    private readonly TwilioMediaStreamOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a bridge; one can serve any number of calls, one <see cref="RunAsync"/> each.</summary>
    /// <param name="client">The Live API client (holds the API key; it never reaches Twilio).</param>
    /// <param name="options">Settings; <see cref="TwilioMediaStreamOptions.Model"/> is required.</param>
    /// <param name="logger">A logger; none when null. Audio and the key are never logged.</param>
    /// <exception cref="ArgumentException">No model, or a non-positive <see cref="TwilioMediaStreamOptions.MaxMessageBytes"/>.</exception>
    public TwilioMediaStreamBridge(Client client, TwilioMediaStreamOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException("TwilioMediaStreamOptions.Model is required.", nameof(options));
        }

        if (options.MaxMessageBytes <= 0)
        {
            throw new ArgumentException("TwilioMediaStreamOptions.MaxMessageBytes must be positive.", nameof(options));
        }

        _client = client;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Runs one call: waits for Twilio's <c>start</c>, opens the Live session, moves audio both ways until either side
    /// ends, then closes the other side.
    /// </summary>
    /// <param name="twilio">The accepted WebSocket from Twilio.</param>
    /// <param name="cancellationToken">Ends the call (both sides are closed).</param>
    /// <returns>What happened.</returns>
    /// <exception cref="TwilioStreamException">The stream did not start properly or broke the protocol.</exception>
    /// <exception cref="LiveException">The Live session could not be opened or failed.</exception>
    public async Task<TwilioCallSummary> RunAsync(WebSocket twilio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(twilio);
        var state = new CallState(twilio, _options, _logger);
        try
        {
            TwilioCall call = await state.ReadStartAsync(cancellationToken).ConfigureAwait(false);
            s_started(_logger, call.CallSid, call.StreamSid, null);
            LiveConnectConfig config = _options.Config ?? DefaultConfig(_options.Tools);
            ILiveResumptionStore? store = _options.ResumptionStore;
            string? key = store is null ? null : _options.ResumptionKey?.Invoke(call) ?? call.CallSid;
            AsyncSession session = store is null
                ? await _client.Live.ConnectAsync(_options.Model!, config, cancellationToken).ConfigureAwait(false)
                : await _client.Live.ConnectOrResumeAsync(_options.Model!, config, store, key!, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                state.UseStore(store, key);
                if (_options.OnCallStarted is { } started)
                {
                    await started(call, session, cancellationToken).ConfigureAwait(false);
                }

                await state.RunAsync(session, cancellationToken).ConfigureAwait(false);
            }

            if (store is not null && state.Summary().StoppedByTwilio)
            {
                // Twilio ended the call: nothing will resume it. (A stream that broke without stop keeps its entry.)
                await store.RemoveHandleAsync(key!, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (TwilioStreamException)
        {
            await state.CloseTwilioAsync(WebSocketCloseStatus.PolicyViolation, "invalid media stream").ConfigureAwait(false);
            throw;
        }
        catch (LiveException)
        {
            await state.CloseTwilioAsync(WebSocketCloseStatus.InternalServerError, "the voice agent failed").ConfigureAwait(false);
            throw;
        }

        TwilioCallSummary summary = state.Summary();
        s_ended(_logger, summary.ToString(), null);
        return summary;
    }

    /// <inheritdoc />
    public override string ToString() => $"TwilioMediaStreamBridge ({_options.Model})";

    /// <summary>Audio answers, both transcriptions, and the tool set's declarations.</summary>
    internal static LiveConnectConfig DefaultConfig(ILiveToolSet? tools) => new()
    {
        ResponseModalities = [Modality.Audio],
        InputAudioTranscription = new AudioTranscriptionConfig(),
        OutputAudioTranscription = new AudioTranscriptionConfig(),
        Tools = tools is null ? null : [tools.ToTool()],
    };

    /// <summary>The state of one call: the Twilio socket, both resamplers, counters.</summary>
    internal sealed class CallState
    {
        private readonly WebSocket _twilio;
        private readonly TwilioMediaStreamOptions _options;
        private readonly ILogger _logger;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly ArrayBufferWriter<byte> _sendBuffer = new(1024);
        private readonly PcmResampler _up = new(TwilioSampleRate, InputSampleRate);
        private PcmResampler _down = new(OutputSampleRate, TwilioSampleRate);
        private byte[] _receiveBuffer = new byte[4096];
        private TwilioCall? _call;
        private ILiveResumptionStore? _store;
        private string? _storeKey;
        private long _mediaIn;
        private long _mediaOut;
        private long _samplesIn;
        private long _samplesOut;
        private int _interruptions;
        private int _marksSent;
        private int _marksPlayed;
        private int _skipped;
        private int _turns;
        private bool _stopped;

        public CallState(WebSocket twilio, TwilioMediaStreamOptions options, ILogger logger)
        {
            _twilio = twilio;
            _options = options;
            _logger = logger;
        }

        private string StreamSid => _call?.StreamSid ?? string.Empty;

        public void UseStore(ILiveResumptionStore? store, string? key)
        {
            _store = store;
            _storeKey = key;
        }

        /// <summary>Reads until <c>start</c>; <c>connected</c> and anything unexpected before it are skipped.</summary>
        public async Task<TwilioCall> ReadStartAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                ReadOnlyMemory<byte>? message = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (message is null)
                {
                    throw new TwilioStreamException("The Twilio stream closed before its start message.");
                }

                using JsonDocument? document = TryParse(message.Value);
                string? kind = document is null ? null : Event(document.RootElement);
                if (kind == "connected")
                {
                    continue;
                }

                if (kind != "start")
                {
                    Skip(kind is null ? "not a JSON event" : $"'{kind}' before start");
                    continue;
                }

                JsonElement root = document!.RootElement;
                JsonElement start = root.TryGetProperty("start", out JsonElement s) && s.ValueKind == JsonValueKind.Object
                    ? s
                    : throw new TwilioStreamException("The start message has no start object.");
                string streamSid = String(start, "streamSid") ?? String(root, "streamSid")
                    ?? throw new TwilioStreamException("The start message has no streamSid.");
                CheckFormat(start);

                var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
                if (start.TryGetProperty("customParameters", out JsonElement custom) && custom.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty parameter in custom.EnumerateObject())
                    {
                        parameters[parameter.Name] = parameter.Value.ValueKind == JsonValueKind.String ? parameter.Value.GetString()! : parameter.Value.GetRawText();
                    }
                }

                var tracks = new List<string>();
                if (start.TryGetProperty("tracks", out JsonElement trackList) && trackList.ValueKind == JsonValueKind.Array)
                {
                    tracks.AddRange(trackList.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
                }

                _call = new TwilioCall(this, streamSid, String(start, "callSid") ?? string.Empty, String(start, "accountSid") ?? string.Empty, parameters, tracks);
                return _call;
            }
        }

        /// <summary>Moves audio both ways until one side ends, then ends the other.</summary>
        public async Task RunAsync(AsyncSession session, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task inbound = PumpInboundAsync(session, linked.Token);
            Task outbound = PumpOutboundAsync(session, linked.Token);
            Task first = await Task.WhenAny(inbound, outbound).ConfigureAwait(false);
            if (first == inbound)
            {
                // The caller hung up (stop, or the socket closed): end the Live session; the outbound loop then ends.
                try
                {
                    await session.CloseAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException or OperationCanceledException)
                {
                    // Closing is best effort: the call is over either way.
                }

                linked.CancelAfter(TimeSpan.FromSeconds(5));
                await Quietly(outbound).ConfigureAwait(false);
                if (!inbound.IsFaulted)
                {
                    await CloseTwilioAsync(WebSocketCloseStatus.NormalClosure, string.Empty).ConfigureAwait(false);
                }

                // A protocol error of the Twilio side surfaces here (RunAsync closes the socket with 1008).
                await inbound.ConfigureAwait(false);
            }
            else
            {
                // The Live session ended: hang up the stream (a failed session: 1011), let Twilio answer the close,
                // then stop reading. Cancelling a WebSocket receive aborts the socket, so that comes last.
                bool failed = outbound.IsFaulted && outbound.Exception?.InnerException is not OperationCanceledException;
                await CloseTwilioAsync(failed ? WebSocketCloseStatus.InternalServerError : WebSocketCloseStatus.NormalClosure, failed ? "the voice agent failed" : string.Empty).ConfigureAwait(false);
                linked.CancelAfter(TimeSpan.FromSeconds(2));
                await Quietly(inbound).ConfigureAwait(false);
                await outbound.ConfigureAwait(false);
            }
        }

        public TwilioCallSummary Summary() => new()
        {
            StreamSid = StreamSid,
            CallSid = _call?.CallSid ?? string.Empty,
            MediaMessagesReceived = Interlocked.Read(ref _mediaIn),
            MediaMessagesSent = Interlocked.Read(ref _mediaOut),
            InboundSeconds = Interlocked.Read(ref _samplesIn) / (double)TwilioSampleRate,
            OutboundSeconds = Interlocked.Read(ref _samplesOut) / (double)TwilioSampleRate,
            Interruptions = Volatile.Read(ref _interruptions),
            MarksSent = Volatile.Read(ref _marksSent),
            MarksPlayed = Volatile.Read(ref _marksPlayed),
            SkippedMessages = Volatile.Read(ref _skipped),
            StoppedByTwilio = _stopped,
        };

        public async Task SendMarkAsync(string name, CancellationToken cancellationToken)
        {
            if (await SendAsync(
                    static (writer, state) =>
                    {
                        writer.WriteString("event", "mark");
                        writer.WriteString("streamSid", state.StreamSid);
                        writer.WriteStartObject("mark");
                        writer.WriteString("name", state.Name);
                        writer.WriteEndObject();
                    },
                    (StreamSid, Name: name),
                    cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _marksSent);
            }
        }

        public async Task ClearAsync(CancellationToken cancellationToken) =>
            await SendAsync(
                static (writer, streamSid) =>
                {
                    writer.WriteString("event", "clear");
                    writer.WriteString("streamSid", streamSid);
                },
                StreamSid,
                cancellationToken).ConfigureAwait(false);

        public async Task CloseTwilioAsync(WebSocketCloseStatus status, string reason)
        {
            if (_twilio.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            await _sendLock.WaitAsync().ConfigureAwait(false);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _twilio.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or IOException or ObjectDisposedException)
            {
                // The peer is gone already.
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>Twilio → Live: caller audio, marks, keys, until <c>stop</c> or the socket closes.</summary>
        private async Task PumpInboundAsync(AsyncSession session, CancellationToken cancellationToken)
        {
            var samples = new short[320];
            var upsampled = new short[1024];
            var pcm = new byte[2048];
            byte[] mulaw = new byte[1024];
            while (true)
            {
                ReadOnlyMemory<byte>? message = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (message is null)
                {
                    return;
                }

                using JsonDocument? document = TryParse(message.Value);
                if (document is null)
                {
                    Skip("not JSON");
                    continue;
                }

                JsonElement root = document.RootElement;
                switch (Event(root))
                {
                    case "media":
                        if (!root.TryGetProperty("media", out JsonElement media) || media.ValueKind != JsonValueKind.Object
                            || String(media, "payload") is not { } payload)
                        {
                            Skip("media without payload");
                            break;
                        }

                        if (String(media, "track") is { } track && track != "inbound")
                        {
                            // The caller's side is "inbound"; an "outbound" track (unidirectional both_tracks) is our own audio.
                            break;
                        }

                        int maxBytes = (payload.Length / 4 * 3) + 3;
                        if (mulaw.Length < maxBytes)
                        {
                            mulaw = new byte[Math.Max(maxBytes, mulaw.Length * 2)];
                        }

                        if (!Convert.TryFromBase64String(payload, mulaw, out int count))
                        {
                            Skip("media payload is not base64");
                            break;
                        }

                        if (samples.Length < count)
                        {
                            samples = new short[count];
                        }

                        MuLaw.Decode(mulaw.AsSpan(0, count), samples);
                        int needed = _up.GetMaxOutputLength(count);
                        if (upsampled.Length < needed)
                        {
                            upsampled = new short[needed];
                            pcm = new byte[needed * 2];
                        }

                        int produced = _up.Process(samples.AsSpan(0, count), upsampled);
                        Interlocked.Increment(ref _mediaIn);
                        Interlocked.Add(ref _samplesIn, count);
                        if (produced > 0)
                        {
                            int bytes = Pcm16.ToBytes(upsampled.AsSpan(0, produced), pcm);
                            await session.SendAudioAsync(pcm.AsMemory(0, bytes), "audio/pcm;rate=16000", cancellationToken).ConfigureAwait(false);
                        }

                        break;

                    case "mark":
                        Interlocked.Increment(ref _marksPlayed);
                        if (_options.OnMarkPlayed is { } onMark && root.TryGetProperty("mark", out JsonElement mark) && mark.ValueKind == JsonValueKind.Object)
                        {
                            await onMark(_call!, String(mark, "name") ?? string.Empty, cancellationToken).ConfigureAwait(false);
                        }

                        break;

                    case "dtmf":
                        if (_options.OnDtmf is { } onDtmf && root.TryGetProperty("dtmf", out JsonElement dtmf) && dtmf.ValueKind == JsonValueKind.Object
                            && String(dtmf, "digit") is { } digit)
                        {
                            await onDtmf(_call!, digit, cancellationToken).ConfigureAwait(false);
                        }

                        break;

                    case "stop":
                        _stopped = true;
                        return;

                    case { } other:
                        Skip($"unexpected event '{other}'");
                        break;

                    default:
                        Skip("no event");
                        break;
                }
            }
        }

        /// <summary>Live → Twilio: model audio (resampled, μ-law), <c>clear</c> on interruption, a mark per turn; tools run.</summary>
        private async Task PumpOutboundAsync(AsyncSession session, CancellationToken cancellationToken)
        {
            IAsyncEnumerable<LiveServerMessage> messages = _options.Tools is { } tools
                ? session.ReceiveWithToolsAsync(tools, _options.ToolOptions, cancellationToken)
                : session.ReceiveAsync(cancellationToken);
            bool audioThisTurn = false;
            await foreach (LiveServerMessage message in messages.ConfigureAwait(false))
            {
                if (message.ServerContent is { } content)
                {
                    if (content.Interrupted == true)
                    {
                        // Barge-in: the caller spoke over the model. Twilio drops what it buffered; the filter forgets the old tail.
                        Interlocked.Increment(ref _interruptions);
                        _down.Reset();
                        audioThisTurn = false;
                        await ClearAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (content.ModelTurn?.Parts is { } parts)
                    {
                        foreach (Part part in parts)
                        {
                            if (part?.InlineData is { MimeType: { } mime } blob && mime.StartsWith("audio/pcm", StringComparison.OrdinalIgnoreCase) && blob.Data.Length > 1)
                            {
                                int rate = RateOf(mime);
                                if (rate != _down.InputRate)
                                {
                                    _down = new PcmResampler(rate, TwilioSampleRate);
                                }

                                short[] pcm = Pcm16.ToSamples(blob.Data.Span.Slice(0, blob.Data.Length & ~1));
                                var output = new short[_down.GetMaxOutputLength(pcm.Length)];
                                int produced = _down.Process(pcm, output);
                                await SendMediaAsync(output.AsMemory(0, produced), cancellationToken).ConfigureAwait(false);
                                audioThisTurn = true;
                            }
                        }
                    }

                    if (content.TurnComplete == true)
                    {
                        if (audioThisTurn)
                        {
                            var tail = new short[_down.GetMaxOutputLength(0)];
                            int produced = _down.Flush(tail);
                            await SendMediaAsync(tail.AsMemory(0, produced), cancellationToken).ConfigureAwait(false);
                            int turn = Interlocked.Increment(ref _turns);
                            if (_options.MarkTurns)
                            {
                                await SendMarkAsync("turn-" + turn.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                            }
                        }

                        audioThisTurn = false;
                    }
                }

                if (_store is not null)
                {
                    await _store.SaveResumptionHandleAsync(_storeKey!, message, cancellationToken).ConfigureAwait(false);
                }

                if (_options.OnMessage is { } onMessage)
                {
                    await onMessage(_call!, message, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task SendMediaAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
        {
            if (samples.Length == 0)
            {
                return;
            }

            byte[] mulaw = ArrayPool<byte>.Shared.Rent(samples.Length);
            try
            {
                MuLaw.Encode(samples.Span, mulaw);
                bool sent = await SendAsync(
                    static (writer, state) =>
                    {
                        writer.WriteString("event", "media");
                        writer.WriteString("streamSid", state.StreamSid);
                        writer.WriteStartObject("media");
                        writer.WriteBase64String("payload", state.Audio.Span);
                        writer.WriteEndObject();
                    },
                    (StreamSid, Audio: new ReadOnlyMemory<byte>(mulaw, 0, samples.Length)),
                    cancellationToken).ConfigureAwait(false);
                if (sent)
                {
                    Interlocked.Increment(ref _mediaOut);
                    Interlocked.Add(ref _samplesOut, samples.Length);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(mulaw);
            }
        }

        /// <summary>Writes one JSON message to Twilio; false when the socket is no longer open (the call is ending).</summary>
        private async Task<bool> SendAsync<TState>(Action<Utf8JsonWriter, TState> write, TState state, CancellationToken cancellationToken)
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_twilio.State != WebSocketState.Open)
                {
                    return false;
                }

                _sendBuffer.Clear();
                using (var writer = new Utf8JsonWriter(_sendBuffer))
                {
                    writer.WriteStartObject();
                    write(writer, state);
                    writer.WriteEndObject();
                }

                await _twilio.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                return false;
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>Reads one whole message; null when the socket closed (or broke: the call is over).</summary>
        private async Task<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken)
        {
            int length = 0;
            while (true)
            {
                if (length == _receiveBuffer.Length)
                {
                    if (length >= _options.MaxMessageBytes)
                    {
                        throw new TwilioStreamException($"A Twilio message exceeded {_options.MaxMessageBytes} bytes (TwilioMediaStreamOptions.MaxMessageBytes).");
                    }

                    Array.Resize(ref _receiveBuffer, Math.Min(_options.MaxMessageBytes, _receiveBuffer.Length * 2));
                }

                ValueWebSocketReceiveResult result;
                try
                {
                    result = await _twilio.ReceiveAsync(_receiveBuffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or IOException)
                {
                    return null;
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    return _receiveBuffer.AsMemory(0, length);
                }
            }
        }

        private void Skip(string reason)
        {
            Interlocked.Increment(ref _skipped);
            s_skipped(_logger, StreamSid, reason, null);
        }

        private static async Task Quietly(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ended on purpose.
            }
        }

        private static JsonDocument? TryParse(ReadOnlyMemory<byte> message)
        {
            try
            {
                JsonDocument document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 16 });
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    document.Dispose();
                    return null;
                }

                return document;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? Event(JsonElement root) => String(root, "event");

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static void CheckFormat(JsonElement start)
        {
            if (!start.TryGetProperty("mediaFormat", out JsonElement format) || format.ValueKind != JsonValueKind.Object)
            {
                // Twilio always sends it; without one, assume its only format.
                return;
            }

            string? encoding = String(format, "encoding");
            int rate = format.TryGetProperty("sampleRate", out JsonElement r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : TwilioSampleRate;
            int channels = format.TryGetProperty("channels", out JsonElement c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 1;
            if (!string.Equals(encoding, "audio/x-mulaw", StringComparison.OrdinalIgnoreCase) || rate != TwilioSampleRate || channels != 1)
            {
                throw new TwilioStreamException($"Unsupported media format {encoding} {rate} Hz × {channels}: the bridge takes audio/x-mulaw 8000 Hz mono.");
            }
        }

        /// <summary>The rate of <c>audio/pcm;rate=24000</c>; 24 kHz when the type does not say.</summary>
        private static int RateOf(string mime)
        {
            int index = mime.IndexOf("rate=", StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return OutputSampleRate;
            }

            ReadOnlySpan<char> digits = mime.AsSpan(index + 5);
            int end = 0;
            while (end < digits.Length && char.IsAsciiDigit(digits[end]))
            {
                end++;
            }

            return int.TryParse(digits.Slice(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out int rate) && rate is >= 8000 and <= 96000 ? rate : OutputSampleRate;
        }
    }
}
