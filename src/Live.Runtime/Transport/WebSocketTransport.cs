using System.Buffers;
using System.Net.WebSockets;
using Live.Session;

namespace Live.Transport;

/// <summary>
/// A <see cref="ILiveTransport"/> over a <see cref="WebSocket"/>. A pump reads whole messages ahead into a small bounded
/// queue, so cancelling a receive never aborts the socket (as cancelling
/// <see cref="WebSocket.ReceiveAsync(Memory{byte}, CancellationToken)"/> would) and no message is lost.
/// </summary>
/// <remarks>
/// No hop between threads on the way to the reader: a message read while a reader waits is handed to it on the thread that
/// read it (the pump run ends there, and the reader starts the next one before it returns the message); a message read while
/// nobody waits goes into the queue, and the pump stops when the queue holds <see cref="QueueCapacity"/> messages or
/// <see cref="ClientOptions.MaxReceiveQueueBytes"/>. One socket read is in progress at a time (<see cref="_inFlight"/>).
/// </remarks>
internal sealed class WebSocketTransport : ILiveTransport
{
    private const int InitialBufferSize = 16 * 1024;
    private const int QueueCapacity = 16;
    private const int MaxPooledBufferSize = 1024 * 1024;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly int _maxMessageBytes;
    private readonly long _maxQueueBytes;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _closeTimeout;
    private readonly object _gate = new();
    private readonly Queue<object> _queue = new();
    private readonly CancellationTokenSource _pumpCancellation = new();
    private readonly TaskCompletionSource<bool> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Timer? _idleTimer;
    // The pump run in progress (under _gate): it returns the message a waiting reader takes, or NoItem once it queued what it
    // read and stopped. A run that handed a message to a reader that was cancelled meanwhile keeps it as its result.
    private Task<object>? _inFlight;
    private bool _readerWaiting;
    private bool _pumpEnded;
    private volatile bool _closeReceived;
    private volatile bool _closeSent;
    private volatile bool _waitingForReader;
    private int _disposed;
    private object? _terminal;
    private long _queuedBytes;
    private long _lastActivity = Environment.TickCount64;
    private string? _lossReason;
    private Exception? _lossCause;

    private WebSocketTransport(WebSocket socket, ClientOptions options)
    {
        _socket = socket;
        _maxMessageBytes = options.MaxIncomingMessageBytes;
        _maxQueueBytes = options.MaxReceiveQueueBytes;
        _idleTimeout = options.ReceiveIdleTimeout;
        _closeTimeout = options.CloseTimeout;
        if (_idleTimeout != Timeout.InfiniteTimeSpan)
        {
            TimeSpan period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(20).Ticks, _idleTimeout.Ticks / 8));
            _idleTimer = new Timer(static state => ((WebSocketTransport)state!).CheckIdle(), this, period, period);
        }

        lock (_gate)
        {
            _inFlight = Task.Run(PumpAsync);
        }
    }

    /// <summary>What a pump run returns when it put what it read into the queue (no reader was waiting).</summary>
    private static readonly object NoItem = new();

    /// <summary>Whether the connection is over: the peer's close was received, or the connection was lost.</summary>
    public bool IsCloseReceived => _closeReceived || Volatile.Read(ref _lossReason) is not null;

    /// <summary>Opens a WebSocket to the endpoint (or takes one from <see cref="ClientOptions.WebSocketFactory"/>) and wraps it.</summary>
    /// <param name="endpoint">Where to connect.</param>
    /// <param name="options">Limits and WebSocket hooks.</param>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <returns>The transport.</returns>
    public static async ValueTask<ILiveTransport> ConnectAsync(LiveEndpoint endpoint, ClientOptions options, CancellationToken cancellationToken)
    {
        WebSocket socket;
        if (options.WebSocketFactory is { } factory)
        {
            socket = await factory(endpoint.Uri, endpoint.Headers, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("ClientOptions.WebSocketFactory returned null.");
        }
        else
        {
            socket = await ConnectClientWebSocketAsync(endpoint, options, cancellationToken).ConfigureAwait(false);
        }

        return new WebSocketTransport(socket, options);
    }

    private static async Task<ClientWebSocket> ConnectClientWebSocketAsync(LiveEndpoint endpoint, ClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            foreach (KeyValuePair<string, string> header in endpoint.Headers)
            {
                socket.Options.SetRequestHeader(header.Key, header.Value);
            }

            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.KeepAliveInterval = options.KeepAliveInterval;
#if NET9_0_OR_GREATER
            if (options.KeepAliveInterval > TimeSpan.Zero)
            {
                socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
            }
#endif
            options.ConfigureWebSocket?.Invoke(socket.Options);
            await socket.ConnectAsync(endpoint.Uri, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (WebSocketException ex)
        {
            int status = (int)socket.HttpStatusCode;
            socket.Dispose();
            if (status >= 400 && status < 500)
            {
                throw new LiveClientException(
                    $"The Live API refused the WebSocket handshake to {endpoint.RedactedUrl} with HTTP {status}.", null, null, status, ex);
            }

            if (status >= 500 || (status > 0 && status != 101))
            {
                throw new LiveServerException(
                    $"The Live API refused the WebSocket handshake to {endpoint.RedactedUrl} with HTTP {status}.", null, null, status, ex);
            }

            throw new LiveServerException(
                $"Could not open the WebSocket to {endpoint.RedactedUrl}: {ex.Message}", 1006, null, null, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        if (_closeReceived || _closeSent || Volatile.Read(ref _lossReason) is not null || _socket.State != WebSocketState.Open)
        {
            string why = Volatile.Read(ref _lossReason) is { } lost ? $" (lost: {lost})"
                : _closeReceived ? " (closed by the service)" : _closeSent ? " (closed by the client)" : $" (WebSocket {_socket.State})";
            throw new InvalidOperationException("The Live connection is closed" + why + ".");
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Cancelling a send while its frame is being written aborts the socket (a half-written frame cannot be taken back):
        // the reason is recorded before the abort, so whoever sees the loss first (the receive loop, usually) says why. A
        // send the socket completed at once (the usual case) is never exposed to that: the token is watched only while a
        // write is really pending, so cancelling a caller's token just after its frame went out leaves the connection alone.
        try
        {
            ValueTask pending = _socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            if (pending.IsCompleted)
            {
                pending.GetAwaiter().GetResult();
            }
            else
            {
                using CancellationTokenRegistration onCancel = cancellationToken.CanBeCanceled
                    ? cancellationToken.UnsafeRegister(
                        static state => ((WebSocketTransport)state!).MarkLost("a send was cancelled while its frame was being written, which aborted the WebSocket", null),
                        this)
                    : default;
                await pending.ConfigureAwait(false);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The send was cancelled; the connection was aborted with it.", cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            string reason = Volatile.Read(ref _lossReason) ?? "a send failed: " + Describe(ex);
            MarkLost(reason, ex);
            throw new LiveSendException(
                $"The Live connection was lost while a frame was being sent ({reason}); the frame may not have been delivered.", ex);
        }
    }

    /// <summary>
    /// Records that the connection is gone (the first reason wins) and aborts the socket, which ends the pump with that
    /// reason: whatever notices the loss first, the session sees the same end.
    /// </summary>
    /// <param name="reason">What happened, for the exception message.</param>
    /// <param name="cause">The exception that showed it, if any.</param>
    internal void MarkLost(string reason, Exception? cause)
    {
        if (Interlocked.CompareExchange(ref _lossReason, reason, null) is null)
        {
            _lossCause = cause;
        }

        try
        {
            _socket.Abort();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void CheckIdle()
    {
        if (_waitingForReader || Volatile.Read(ref _lossReason) is not null || _closeReceived || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        long idleMs = Environment.TickCount64 - Interlocked.Read(ref _lastActivity);
        if (idleMs > (long)_idleTimeout.TotalMilliseconds)
        {
            MarkLost(
                $"nothing was received for {_idleTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s (ClientOptions.ReceiveIdleTimeout)",
                null);
        }
    }

    public async ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        // After the end of the connection every later receive sees the same end again.
        if (_terminal is not null)
        {
            return _terminal is Exception seen ? throw seen : (TransportFrame)_terminal;
        }

        object item;
        Task<object>? run = null;
        lock (_gate)
        {
            if (_queue.Count > 0)
            {
                item = _queue.Dequeue();
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Waiting before a run starts: a run started here hands its first message straight to this reader.
                _readerWaiting = true;
                run = _inFlight ?? StartPumpLocked();
                item = run is null ? TransportFrame.Close(1006, "The connection was closed.") : NoItem;
                _readerWaiting = run is not null;
            }
        }

        if (run is not null)
        {
            try
            {
                // A run that completed, or a receive nobody can cancel, awaits the pump run itself; a cancellable receive stops
                // waiting on cancellation and leaves the run (and the message it reads) to the next receive.
                item = run.IsCompleted || !cancellationToken.CanBeCanceled
                    ? await run.ConfigureAwait(false)
                    : await run.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _readerWaiting = false;
                }
            }

            lock (_gate)
            {
                if (ReferenceEquals(item, NoItem))
                {
                    // The run queued what it read (nobody was waiting yet) and stopped.
                    item = _queue.Count > 0 ? _queue.Dequeue() : TransportFrame.Close(1006, "The connection was closed.");
                }
                else if (ReferenceEquals(_inFlight, run))
                {
                    _inFlight = null;
                }
            }
        }

        return Take(item);
    }

    /// <summary>
    /// Accounts for a message leaving the queue (or handed over) and starts the next pump run when none is in progress, so
    /// the socket is read while the reader works on this message.
    /// </summary>
    private TransportFrame Take(object item)
    {
        if (item is Exception error)
        {
            _terminal = error;
            throw error;
        }

        var frame = (TransportFrame)item;
        if (frame.Kind == TransportFrameKind.Close)
        {
            _terminal = frame;
            return frame;
        }

        lock (_gate)
        {
            _queuedBytes -= frame.Length;
            if (_inFlight is null && _queue.Count < QueueCapacity && _queuedBytes < _maxQueueBytes)
            {
                StartPumpLocked();
            }
        }

        return frame;
    }

    /// <summary>
    /// Starts a pump run (under <see cref="_gate"/>) and makes it <see cref="_inFlight"/> unless it already stopped (it reads
    /// at once what the socket holds); null once the connection ended or the transport was disposed.
    /// </summary>
    private Task<object>? StartPumpLocked()
    {
        if (_pumpEnded || Volatile.Read(ref _disposed) != 0)
        {
            return null;
        }

        _waitingForReader = false;
        Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
        Task<object> run = PumpAsync();
        if (!run.IsCompleted || !ReferenceEquals(run.Result, NoItem))
        {
            _inFlight = run;
        }

        return run;
    }

    public async ValueTask CloseAsync(int closeCode, string? reason, CancellationToken cancellationToken)
    {
        if (_closeSent)
        {
            return;
        }

        _closeSent = true;
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        if (Volatile.Read(ref _lossReason) is not null)
        {
            return;
        }

        // Bounded whatever the peer does: a send blocked by a peer that stopped reading holds the socket's send lock, and
        // the close frame waits behind it; at the timeout the socket is aborted.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_closeTimeout);
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            MarkLost($"the close frame could not be sent within {_closeTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s (ClientOptions.CloseTimeout)", null);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Already closed or broken: nothing left to say.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Give the peer a moment to answer our close frame (read by the pump), then stop it and drop the socket.
        if (_closeSent && !IsCloseReceived)
        {
            await Task.WhenAny(_ended.Task, Task.Delay(_closeTimeout < CloseHandshakeTimeout ? _closeTimeout : CloseHandshakeTimeout)).ConfigureAwait(false);
        }

        _idleTimer?.Dispose();
        _pumpCancellation.Cancel();
        _socket.Abort();
        Task<object>? running;
        lock (_gate)
        {
            running = _inFlight;
        }

        if (running is not null)
        {
            // Never throws; what it read and nobody took is dropped with the queue below.
            object last = await running.ConfigureAwait(false);
            lock (_gate)
            {
                if (!_readerWaiting && ReferenceEquals(_inFlight, running))
                {
                    _inFlight = null;
                    (last as TransportFrame)?.Dispose();
                }
            }
        }

        _socket.Dispose();
        _pumpCancellation.Dispose();
        lock (_gate)
        {
            while (_queue.Count > 0)
            {
                (_queue.Dequeue() as TransportFrame)?.Dispose();
            }
        }
    }

    /// <summary>
    /// One pump run: reads whole messages; hands the first one read while a reader waits to that reader (as its result),
    /// and queues the others, stopping with <see cref="NoItem"/> when the queue is full or the connection ended. Never
    /// throws: the end of the connection is an item too (the close frame, or the exception the reader sees).
    /// </summary>
    private async Task<object> PumpAsync()
    {
        while (true)
        {
            object item = await ReadItemAsync().ConfigureAwait(false);
            bool terminal = item is Exception || ((TransportFrame)item).Kind == TransportFrameKind.Close;
            lock (_gate)
            {
                if (terminal)
                {
                    _pumpEnded = true;
                }
                else
                {
                    _queuedBytes += ((TransportFrame)item).Length;
                }

                if (_readerWaiting && _queue.Count == 0)
                {
                    // Handed over: the reader clears _inFlight when it takes it (a cancelled reader leaves it to the next).
                    return item;
                }

                _queue.Enqueue(item);
                if (terminal || _queue.Count >= QueueCapacity || _queuedBytes >= _maxQueueBytes)
                {
                    // Stopped until the reader takes a message (which starts the next run).
                    _waitingForReader = !terminal;
                    _inFlight = null;
                    return NoItem;
                }
            }
        }
    }

    /// <summary>Reads one whole message; the end of the connection as the close frame or the exception the reader sees.</summary>
    private async Task<object> ReadItemAsync()
    {
        object terminal;
        try
        {
            // The pump's token (cancelled by DisposeAsync) ends a read whatever the stream under the WebSocket does on abort.
            TransportFrame frame = await ReceiveWholeMessageAsync(_pumpCancellation.Token).ConfigureAwait(false);
            if (frame.Kind != TransportFrameKind.Close)
            {
                return frame;
            }

            _closeReceived = true;
            await CompleteCloseHandshakeAsync(_pumpCancellation.Token).ConfigureAwait(false);
            terminal = frame;
        }
        catch (LiveProtocolException ex)
        {
            terminal = ex;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Every way the socket can fail ends here, including an abort (which the WebSocket reports as an
            // OperationCanceledException): the reader always learns that the connection is gone, and why. Disposed by this
            // side: the connection was closed.
            terminal = _pumpCancellation.IsCancellationRequested && Volatile.Read(ref _lossReason) is null
                ? TransportFrame.Close(1006, "The connection was closed.")
                : ReceiveFailure(ex);
        }

        _closeReceived = true;
        _ended.TrySetResult(true);
        return terminal;
    }

    /// <summary>What a failed receive means for the session.</summary>
    private object ReceiveFailure(Exception ex)
    {
        if (Volatile.Read(ref _lossReason) is { } reason)
        {
            return new LiveServerException($"The Live connection was lost: {reason} (1006).", 1006, null, null, _lossCause ?? ex);
        }

        if (ex is WebSocketException { WebSocketErrorCode: WebSocketError.Faulted } && IsInvalidUtf8(ex))
        {
            return new LiveProtocolException(
                "A text frame from the service is not valid UTF-8; the WebSocket rejected it and closed the connection with 1007 (invalid payload data).",
                null,
                isFatal: true,
                closeCode: (int)WebSocketCloseStatus.InvalidPayloadData,
                innerException: ex);
        }

        if (_closeSent)
        {
            return TransportFrame.Close(1000, null);
        }

        return new LiveServerException($"The Live connection was lost without a close frame (1006): {Describe(ex)}", 1006, null, null, ex);
    }

    /// <summary>
    /// The most telling message of a socket failure: the WebSocket reports an abort (for example by its keep-alive) as an
    /// <see cref="OperationCanceledException"/> whose inner exceptions say what happened.
    /// </summary>
    private static string Describe(Exception ex)
    {
        var pending = new Stack<Exception>();
        pending.Push(ex);
        Exception? io = null;
        while (pending.Count > 0)
        {
            Exception current = pending.Pop();
            if (current is WebSocketException)
            {
                return current.Message;
            }

            io ??= current as IOException;
            if (current is AggregateException aggregate)
            {
                foreach (Exception inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return io?.Message ?? ex.Message;
    }

    /// <summary>
    /// Whether the WebSocket failed because a text frame was not valid UTF-8. The managed WebSocket reports that one case
    /// as <see cref="WebSocketError.Faulted"/> with its default message and no inner exception (after sending close 1007);
    /// its other receive faults (a bad frame header, …) carry a message of their own or an inner exception.
    /// </summary>
    private static bool IsInvalidUtf8(Exception ex) =>
        ex is WebSocketException { InnerException: null } && string.Equals(ex.Message, FaultedDefaultMessage, StringComparison.Ordinal);

    private static readonly string FaultedDefaultMessage = new WebSocketException(WebSocketError.Faulted).Message;

    private async Task CompleteCloseHandshakeAsync(CancellationToken cancellationToken)
    {
        if (_socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            _closeSent = true;
            await _socket.CloseOutputAsync(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The peer is gone already.
        }
    }

    private async Task<TransportFrame> ReceiveWholeMessageAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, _maxMessageBytes + 1));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    // Buffers up to 1 MiB come from the pool; larger ones are plain arrays, so that the memory of a burst of
                    // large messages goes back to the GC instead of staying in the pool.
                    int newSize = (int)Math.Min((long)buffer.Length * 2, (long)_maxMessageBytes + 1);
                    byte[] larger = newSize <= MaxPooledBufferSize ? ArrayPool<byte>.Shared.Rent(newSize) : GC.AllocateUninitializedArray<byte>(newSize);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ReturnBuffer(buffer);
                    buffer = larger;
                }

                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ReturnBuffer(buffer);
                    return TransportFrame.Close((int?)_socket.CloseStatus ?? 1005, _socket.CloseStatusDescription);
                }

                length += result.Count;
                if (length > _maxMessageBytes)
                {
                    string excerpt = LiveProtocolException.Excerpt(buffer.AsSpan(0, Math.Min(length, 1024)));
                    ReturnBuffer(buffer);
                    await CloseForViolationAsync(WebSocketCloseStatus.MessageTooBig, "Message too big").ConfigureAwait(false);
                    throw new LiveProtocolException(
                        $"A message from the service is larger than ClientOptions.MaxIncomingMessageBytes ({_maxMessageBytes} bytes); the session was closed.",
                        excerpt,
                        isFatal: true,
                        closeCode: (int)WebSocketCloseStatus.MessageTooBig);
                }

                if (result.EndOfMessage)
                {
                    TransportFrameKind kind = result.MessageType == WebSocketMessageType.Binary ? TransportFrameKind.Binary : TransportFrameKind.Text;
                    return TransportFrame.Message(kind, buffer, length, pooled: buffer.Length <= MaxPooledBufferSize);
                }
            }
        }
        catch (Exception ex) when (ex is not LiveProtocolException)
        {
            ReturnBuffer(buffer);
            throw;
        }
    }

    private static void ReturnBuffer(byte[] buffer)
    {
        if (buffer.Length <= MaxPooledBufferSize)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CloseForViolationAsync(WebSocketCloseStatus status, string reason)
    {
        _closeSent = true;
        try
        {
            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
            await _socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // Best effort.
        }
    }
}
