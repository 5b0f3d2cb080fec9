using System.Buffers;
using System.Net.WebSockets;

namespace Live.Transport;

/// <summary>
/// What both WebSocket transports share: sends, the close handshake, the single loss path (<see cref="MarkLost"/>), the idle
/// timeout, reading one whole message and what a failed read means, and the bounded read-ahead queue. How the socket is read
/// (pump runs on the thread pool, or a dedicated thread with blocking reads) is the subclass's.
/// </summary>
/// <remarks>
/// The queue holds what was read while nobody waited, up to <see cref="QueueCapacity"/> messages or
/// <see cref="ClientOptions.MaxReceiveQueueBytes"/>; the reading side then stops until the reader takes a message
/// (<see cref="OnTakenLocked"/>). Items are <see cref="TransportFrame"/>s, or the exception that ended the connection.
/// </remarks>
internal abstract class WebSocketTransportBase : ILiveTransport
{
    /// <summary>The most messages read ahead.</summary>
    protected const int QueueCapacity = 16;

    /// <summary>How long a close frame waits for its answer when the connection is given up.</summary>
    protected static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private const int InitialBufferSize = 16 * 1024;
    private const int MaxPooledBufferSize = 1024 * 1024;

    private readonly int _maxMessageBytes;
    private readonly long _maxQueueBytes;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _closeTimeout;
    private readonly bool _blockingWrites;
    private readonly Queue<object> _queue = new();
    private readonly TaskCompletionSource<bool> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Timer? _idleTimer;
    private volatile bool _closeReceived;
    private volatile bool _closeSent;
    private volatile bool _waitingForReader;
    private int _writing;
    private int _disposed;
    private object? _terminal;
    private long _queuedBytes;
    private long _lastActivity = Environment.TickCount64;
    private string? _lossReason;
    private Exception? _lossCause;

    /// <summary>Sets the limits up and starts the idle timer (when <see cref="ClientOptions.ReceiveIdleTimeout"/> is set).</summary>
    /// <param name="socket">The open WebSocket.</param>
    /// <param name="options">The limits.</param>
    /// <param name="blockingWrites">
    /// Whether a send may block its caller inside <see cref="WebSocket.SendAsync(ReadOnlyMemory{byte}, WebSocketMessageType, bool, CancellationToken)"/>
    /// (a stream with blocking writes): the send's token is then watched during the call, not only once it is pending.
    /// </param>
    protected WebSocketTransportBase(WebSocket socket, ClientOptions options, bool blockingWrites)
    {
        Socket = socket;
        _maxMessageBytes = options.MaxIncomingMessageBytes;
        _maxQueueBytes = options.MaxReceiveQueueBytes;
        _idleTimeout = options.ReceiveIdleTimeout;
        _closeTimeout = options.CloseTimeout;
        _blockingWrites = blockingWrites;
        if (_idleTimeout != Timeout.InfiniteTimeSpan)
        {
            TimeSpan period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(20).Ticks, _idleTimeout.Ticks / 8));
            _idleTimer = new Timer(static state => ((WebSocketTransportBase)state!).CheckIdle(), this, period, period);
        }
    }

    /// <summary>The WebSocket.</summary>
    protected WebSocket Socket { get; }

    /// <summary>Guards the queue and the reading side's state.</summary>
    protected object Gate { get; } = new();

    /// <summary>Cancelled when the transport is disposed: a read that fails after it was the end this side chose.</summary>
    protected CancellationTokenSource PumpCancellation { get; } = new();

    /// <summary>Completes when the end of the connection was read.</summary>
    protected Task Ended => _ended.Task;

    /// <summary>The close timeout (<see cref="ClientOptions.CloseTimeout"/>).</summary>
    protected TimeSpan CloseTimeout => _closeTimeout;

    /// <summary>Whether <see cref="DisposeAsync"/> started.</summary>
    protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Whether a close frame was sent (or is being sent).</summary>
    protected bool CloseSent => _closeSent;

    /// <summary>Whether the connection is over: the peer's close was received, or the connection was lost.</summary>
    public bool IsCloseReceived => _closeReceived || Volatile.Read(ref _lossReason) is not null;

    /// <summary>Whether the reading side stopped because the queue is full (the idle timeout does not count that time).</summary>
    protected bool WaitingForReader
    {
        get => _waitingForReader;
        set => _waitingForReader = value;
    }

    /// <summary>The number of messages in the queue (under <see cref="Gate"/>).</summary>
    protected int QueuedCountLocked => _queue.Count;

    /// <summary>Whether the queue has room for another message (under <see cref="Gate"/>).</summary>
    protected bool HasRoomLocked => _queue.Count < QueueCapacity && _queuedBytes < _maxQueueBytes;

    /// <summary>Marks the transport disposed; false when it already was.</summary>
    /// <returns>Whether this call disposes it.</returns>
    protected bool TryBeginDispose() => Interlocked.Exchange(ref _disposed, 1) == 0;

    /// <summary>Stops the idle timer.</summary>
    protected void StopIdleTimer() => _idleTimer?.Dispose();

    /// <summary>
    /// The start of a dispose both transports share: marks the transport disposed, gives the peer a moment to answer
    /// a close frame already sent (read by the reading side), then stops the idle timer and the reading and aborts the
    /// socket. False when the transport was already disposed (nothing else to do).
    /// </summary>
    /// <returns>Whether this call disposes the transport.</returns>
    protected async ValueTask<bool> BeginDisposeAsync()
    {
        if (!TryBeginDispose())
        {
            return false;
        }

        if (CloseSent && !IsCloseReceived)
        {
            await Task.WhenAny(Ended, Task.Delay(CloseTimeout < CloseHandshakeTimeout ? CloseTimeout : CloseHandshakeTimeout)).ConfigureAwait(false);
        }

        StopIdleTimer();
        PumpCancellation.Cancel();
        Socket.Abort();
        return true;
    }

    public async ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        if (_closeReceived || _closeSent || Volatile.Read(ref _lossReason) is not null || Socket.State != WebSocketState.Open)
        {
            string why = Volatile.Read(ref _lossReason) is { } lost ? $" (lost: {lost})"
                : _closeReceived ? " (closed by the service)" : _closeSent ? " (closed by the client)" : $" (WebSocket {Socket.State})";
            throw new InvalidOperationException("The Live connection is closed" + why + ".");
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Cancelling a send while its frame is being written aborts the socket (a half-written frame cannot be taken back):
        // the reason is recorded before the abort, so whoever sees the loss first (the receive loop, usually) says why. A
        // send the socket completed at once (the usual case) is never exposed to that: the token is watched only while a
        // write is really pending (with blocking writes: while the call writes, and the cancellation aborts only if the
        // write has not finished), so cancelling a caller's token just after its frame went out leaves the connection alone.
        CancellationTokenRegistration whileWriting = default;
        try
        {
            if (_blockingWrites && cancellationToken.CanBeCanceled)
            {
                Volatile.Write(ref _writing, 1);
                whileWriting = cancellationToken.UnsafeRegister(static state => ((WebSocketTransportBase)state!).OnSendCancelledWhileWriting(), this);
            }

            ValueTask pending = Socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            if (pending.IsCompleted)
            {
                Volatile.Write(ref _writing, 0);
                pending.GetAwaiter().GetResult();
            }
            else
            {
                using CancellationTokenRegistration onCancel = cancellationToken.CanBeCanceled && !_blockingWrites
                    ? cancellationToken.UnsafeRegister(static state => ((WebSocketTransportBase)state!).OnSendCancelled(), this)
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
        finally
        {
            if (_blockingWrites)
            {
                Volatile.Write(ref _writing, 0);
                whileWriting.Dispose();
            }
        }
    }

    private void OnSendCancelled() =>
        MarkLost("a send was cancelled while its frame was being written, which aborted the WebSocket", null);

    private void OnSendCancelledWhileWriting()
    {
        if (Volatile.Read(ref _writing) != 0)
        {
            OnSendCancelled();
        }
    }

    /// <summary>
    /// Records that the connection is gone (the first reason wins) and aborts the socket, which ends the reading side with
    /// that reason: whatever notices the loss first, the session sees the same end.
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
            Socket.Abort();
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

    /// <summary>Resets the idle clock (the reading side starts again after a full queue).</summary>
    protected void TouchActivity() => Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);

    public abstract ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>The end a receive after the end of the connection sees again, if it was taken already.</summary>
    /// <param name="frame">The close frame, when the end was one.</param>
    /// <returns>Whether the end was taken.</returns>
    protected bool TryGetTerminal(out TransportFrame? frame)
    {
        object? terminal = _terminal;
        if (terminal is null)
        {
            frame = null;
            return false;
        }

        frame = terminal is Exception seen ? throw seen : (TransportFrame)terminal;
        return true;
    }

    /// <summary>
    /// Accounts for a message leaving the queue (or handed over), records the end of the connection (thrown when it is an
    /// exception), and lets the reading side go on (<see cref="OnTakenLocked"/>).
    /// </summary>
    /// <param name="item">What the reader takes.</param>
    /// <returns>The frame.</returns>
    protected TransportFrame Take(object item)
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

        lock (Gate)
        {
            _queuedBytes -= frame.Length;
            OnTakenLocked();
        }

        return frame;
    }

    /// <summary>A message left the queue or was handed over (under <see cref="Gate"/>): the reading side may go on.</summary>
    protected abstract void OnTakenLocked();

    /// <summary>Counts a message the reading side read (under <see cref="Gate"/>); the end of the connection counts nothing.</summary>
    /// <param name="item">What was read.</param>
    /// <returns>Whether it is the end of the connection.</returns>
    protected bool CountReadLocked(object item)
    {
        if (item is Exception || ((TransportFrame)item).Kind == TransportFrameKind.Close)
        {
            return true;
        }

        _queuedBytes += ((TransportFrame)item).Length;
        return false;
    }

    /// <summary>Puts what was read into the queue (under <see cref="Gate"/>).</summary>
    /// <param name="item">What was read.</param>
    protected void EnqueueLocked(object item) => _queue.Enqueue(item);

    /// <summary>Takes the oldest queued item (under <see cref="Gate"/>).</summary>
    /// <returns>The item.</returns>
    protected object DequeueLocked() => _queue.Dequeue();

    /// <summary>Drops what the queue holds (on dispose).</summary>
    protected void DrainQueue()
    {
        lock (Gate)
        {
            while (_queue.Count > 0)
            {
                (_queue.Dequeue() as TransportFrame)?.Dispose();
            }
        }
    }

    public async ValueTask CloseAsync(int closeCode, string? reason, CancellationToken cancellationToken)
    {
        if (_closeSent)
        {
            return;
        }

        _closeSent = true;
        if (Socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
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
            await Socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, timeout.Token).ConfigureAwait(false);
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

    /// <summary>Reads one whole message; the end of the connection as the close frame or the exception the reader sees.</summary>
    /// <param name="cancellationToken">Passed to the WebSocket's reads (cancelling it aborts the WebSocket).</param>
    /// <returns>The item. Never throws.</returns>
    protected async ValueTask<object> ReadItemAsync(CancellationToken cancellationToken)
    {
        object terminal;
        try
        {
            TransportFrame frame = await ReceiveWholeMessageAsync(cancellationToken).ConfigureAwait(false);
            if (frame.Kind != TransportFrameKind.Close)
            {
                return frame;
            }

            _closeReceived = true;
            await CompleteCloseHandshakeAsync(cancellationToken).ConfigureAwait(false);
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
            terminal = PumpCancellation.IsCancellationRequested && Volatile.Read(ref _lossReason) is null
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
    /// <param name="ex">The failure.</param>
    /// <returns>The message.</returns>
    internal static string Describe(Exception ex)
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

    private async ValueTask CompleteCloseHandshakeAsync(CancellationToken cancellationToken)
    {
        if (Socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            _closeSent = true;
            await Socket.CloseOutputAsync(Socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The peer is gone already.
        }
    }

    private async ValueTask<TransportFrame> ReceiveWholeMessageAsync(CancellationToken cancellationToken)
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

                ValueWebSocketReceiveResult result = await Socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ReturnBuffer(buffer);
                    return TransportFrame.Close((int?)Socket.CloseStatus ?? 1005, Socket.CloseStatusDescription);
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

    private async ValueTask CloseForViolationAsync(WebSocketCloseStatus status, string reason)
    {
        _closeSent = true;
        try
        {
            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
            await Socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // Best effort.
        }
    }
}
