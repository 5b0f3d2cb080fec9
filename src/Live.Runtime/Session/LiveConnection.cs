using System.Buffers;
using System.Text;
using System.Text.Json;
using Live.Logging;
using Live.Serialization;
using Live.Transport;
using Live.Wire;
using Microsoft.Extensions.Logging;

namespace Live.Session;

/// <summary>
/// One connection of a session: writes client frames (one at a time) and reads server messages over an
/// <see cref="ILiveTransport"/>. Kept apart from <see cref="AsyncSession"/> so that a session can later move to a
/// new connection (session resumption) without changing its public face.
/// </summary>
internal sealed class LiveConnection : IAsyncDisposable
{
    private const int PolicyViolation = 1008;
    private const int MessageTooBig = 1009;

    /// <summary>
    /// What one JSON object or array is counted to cost once parsed (an object with its fields, its slot in a list):
    /// measured at about 120 bytes for an empty <see cref="Part"/> on 64-bit .NET, rounded up.
    /// </summary>
    internal const int ContainerCost = 128;

    private readonly ILiveTransport _transport;
    private readonly LiveJsonContext _json;
    private readonly int _maxDepth;
    private readonly long _maxParsedBytes;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly Action<Utf8JsonWriter, LiveClientMessage> _writeMessage;
    private int _disposed;

    public LiveConnection(ILiveTransport transport, LiveJsonContext json, int maxDepth, ILogger logger, long maxParsedBytes = ClientOptions.DefaultMaxParsedMessageBytes)
    {
        _transport = transport;
        _json = json;
        _maxDepth = maxDepth;
        _maxParsedBytes = maxParsedBytes;
        _logger = logger;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance });
        _writeMessage = (writer, message) => ClientMessageWriter.Write(writer, message, json);
    }

    /// <summary>Whether the service's close has been received.</summary>
    public bool IsCloseReceived => _transport.IsCloseReceived;

    /// <summary>Writes one frame with <paramref name="write"/> and sends it; frames never interleave.</summary>
    /// <typeparam name="TState">What the writer needs.</typeparam>
    /// <param name="kind">The message kind, for the log.</param>
    /// <param name="state">What the writer needs.</param>
    /// <param name="write">Writes the whole frame.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    public async Task SendAsync<TState>(string kind, TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new InvalidOperationException("The Live session is closed; nothing can be sent.");
            }

            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            write(_writer, state);
            _writer.Flush();
            ReadOnlyMemory<byte> frame = _buffer.WrittenMemory;
            SessionLog.FrameSent(_logger, kind, frame.Length);
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                SessionLog.FrameSentPayload(_logger, Encoding.UTF8.GetString(frame.Span));
            }

            await _transport.SendTextAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Writes a client message with <see cref="ClientMessageWriter"/> (the bytes the source-generated metadata would
    /// write, without building that metadata) and sends it.
    /// </summary>
    /// <param name="kind">The message kind, for the log.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent.</returns>
    public Task SendMessageAsync(string kind, LiveClientMessage message, CancellationToken cancellationToken) =>
        SendAsync(kind, message, _writeMessage, cancellationToken);

    /// <summary>Receives and parses the next message, or the close.</summary>
    /// <param name="cancellationToken">Cancels the wait; no message is lost.</param>
    /// <returns>The message or the close.</returns>
    /// <exception cref="LiveProtocolException">The frame could not be read (fatal for size and depth limits).</exception>
    public ValueTask<ReceivedFrame> ReceiveAsync(CancellationToken cancellationToken) => ReceiveAsync(pooled: false, cancellationToken);

    /// <summary>Receives and parses the next message, or the close.</summary>
    /// <param name="pooled">
    /// Whether inline data may be decoded into arrays rented from <see cref="ArrayPool{T}.Shared"/>; the frame's
    /// <see cref="ReceivedFrame.Lease"/> then holds them.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait; no message is lost.</param>
    /// <returns>The message or the close.</returns>
    /// <exception cref="LiveProtocolException">The frame could not be read (fatal for size and depth limits).</exception>
    public async ValueTask<ReceivedFrame> ReceiveAsync(bool pooled, CancellationToken cancellationToken)
    {
        using TransportFrame frame = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (frame.Kind == TransportFrameKind.Close)
        {
            return ReceivedFrame.FromClose(frame.CloseCode ?? 1005, frame.CloseReason);
        }

        long cost = EstimateParsedBytes(frame.Payload.Span, _maxDepth, _maxParsedBytes);
        if (cost > _maxParsedBytes)
        {
            string tooCostly = LiveProtocolException.Excerpt(frame.Payload.Span);
            await _transport.CloseAsync(MessageTooBig, "Message too costly to parse", CancellationToken.None).ConfigureAwait(false);
            throw new LiveProtocolException(
                $"A message from the service ({frame.Length} bytes) would take more than ClientOptions.MaxParsedMessageBytes ({_maxParsedBytes} bytes) of memory once parsed; it was not parsed and the session was closed.",
                tooCostly,
                isFatal: true,
                closeCode: MessageTooBig);
        }

        ReadOnlySpan<byte> payload = frame.Payload.Span;
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            SessionLog.FrameReceivedPayload(_logger, Encoding.UTF8.GetString(payload));
        }

        // The common shapes in one pass; anything else (and every error) through the source-generated parse.
        LiveServerMessageLease? lease = null;
        LiveServerMessage? message = ServerMessageReader.TryRead(payload, _json, pooled ? ArrayPool<byte>.Shared : null, ref lease);
        try
        {
            message ??= JsonSerializer.Deserialize(payload, _json.LiveServerMessage)
                ?? throw new JsonException("The frame is the JSON literal null, not a message object.");
        }
        catch (JsonException ex)
        {
            string excerpt = LiveProtocolException.Excerpt(payload);
            if (ExceedsDepth(payload, _maxDepth))
            {
                await _transport.CloseAsync(PolicyViolation, "JSON nesting too deep", CancellationToken.None).ConfigureAwait(false);
                throw new LiveProtocolException(
                    $"A message from the service is nested deeper than ClientOptions.MaxJsonDepth ({_maxDepth}); the session was closed.",
                    excerpt,
                    isFatal: true,
                    closeCode: PolicyViolation,
                    innerException: ex);
            }

            throw new LiveProtocolException(
                $"A {(frame.Kind == TransportFrameKind.Binary ? "binary" : "text")} frame from the service is not a valid Live API message and was skipped: {ex.Message}",
                excerpt,
                isFatal: false,
                closeCode: null,
                innerException: ex);
        }

        SessionLog.MessageReceived(_logger, message, frame.Length, frame.Kind == TransportFrameKind.Binary ? "binary" : "text");
        lease?.SetMessage(message);
        return ReceivedFrame.FromMessage(message, lease);
    }

    /// <summary>Sends the close frame.</summary>
    /// <param name="closeCode">The close code.</param>
    /// <param name="cancellationToken">Cancels the close.</param>
    /// <returns>When the close frame was sent.</returns>
    public ValueTask CloseAsync(int closeCode, CancellationToken cancellationToken) =>
        _transport.CloseAsync(closeCode, null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _transport.DisposeAsync().ConfigureAwait(false);
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _writer.Dispose();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Estimates what a message costs in memory once parsed: two bytes per byte of text (strings become UTF-16) plus
    /// <see cref="ContainerCost"/> per JSON object or array. Small messages are not scanned (they cannot reach the
    /// limit); the scan stops as soon as the limit is passed.
    /// </summary>
    /// <param name="json">The message.</param>
    /// <param name="maxDepth">The depth limit (a deeper message is reported by the parser, not here).</param>
    /// <param name="limit">The limit.</param>
    /// <returns>The estimate; above <paramref name="limit"/> when the message must not be parsed.</returns>
    internal static long EstimateParsedBytes(ReadOnlySpan<byte> json, int maxDepth, long limit)
    {
        long cost = (long)json.Length * 2;
        if (cost + (json.Length / 2L) * ContainerCost <= limit)
        {
            return cost;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    cost += ContainerCost;
                    if (cost > limit)
                    {
                        return cost;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Malformed or too deep: the parser reports it.
        }

        return cost;
    }

    /// <summary>Whether the JSON nests deeper than <paramref name="maxDepth"/> (checked only after a parse failed).</summary>
    internal static bool ExceedsDepth(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if ((reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) && reader.CurrentDepth >= maxDepth)
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return reader.CurrentDepth >= maxDepth;
        }
    }
}
