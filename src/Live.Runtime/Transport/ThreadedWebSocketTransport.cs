using System.Net.Sockets;
using System.Net.WebSockets;
using System.Threading.Tasks.Sources;
using Live.Session;

namespace Live.Transport;

/// <summary>
/// A <see cref="ILiveTransport"/> whose reading side is one dedicated thread doing blocking reads on a socket of its own
/// (<see cref="WebSocketHandshake"/>, <see cref="BlockingStream"/>; the managed WebSocket still does the framing, masking,
/// UTF-8 check, ping/pong, close and keep-alive). A message read while a reader waits is handed to it on that thread: the
/// reader's continuation runs there, inline, so one message costs one thread wake-up (the socket's), as in Node.
/// </summary>
/// <remarks>
/// <para>
/// A message read while nobody waits goes into the bounded queue (<see cref="WebSocketTransportBase"/>); when it is full the
/// thread waits for the reader. Sends write synchronously on the caller's thread (a tool response goes out on the reading
/// thread without a hop); a frame larger than <see cref="BlockingStream.SynchronousWriteLimit"/> is written by a thread of its own,
/// and a smaller send blocked by a full kernel buffer blocks its caller; cancelling a blocked send aborts the connection
/// as on the other transport.
/// </para>
/// <para>
/// The thread lends itself to the reader's code for each message it hands over. That code must not stop the reading for
/// long (a synchronous tool that blocks, a caller that waits synchronously for the next message): when it has not given the
/// thread back within one to two periods of <see cref="ReceiveWatchdog"/> (5–10 ms), the watchdog gives the reader role to a
/// new thread, which goes on reading; the lent thread ends when the code returns. The role is a number
/// (<see cref="_role"/>): only the thread that holds it reads.
/// </para>
/// </remarks>
internal sealed class ThreadedWebSocketTransport : WebSocketTransportBase, IValueTaskSource<TransportFrame>
{
    /// <summary>The name of the reading threads.</summary>
    internal const string ThreadName = "Live receive";

    private ManualResetValueTaskSourceCore<object> _waiter; // RunContinuationsAsynchronously stays false: the reader runs inline
    private CancellationTokenRegistration _waitRegistration;
    private bool _readerWaiting;
    private bool _pumpEnded;
    private bool _pumpParked;
    private long _role;

    // Read by the watchdog: the role of the thread while it is lent to the reader's code (0 when it is not), and how many
    // times it was lent.
    private long _lentRole;
    private int _lendCount;

    private ThreadedWebSocketTransport(WebSocket socket, ClientOptions options)
        : base(socket, options, blockingWrites: true)
    {
    }

    /// <summary>The role of the thread lent to the reader's code, 0 when none is (for <see cref="ReceiveWatchdog"/>).</summary>
    internal long LentRole => Volatile.Read(ref _lentRole);

    /// <summary>How many times the reading thread was lent (for <see cref="ReceiveWatchdog"/>).</summary>
    internal int LendCount => Volatile.Read(ref _lendCount);

    /// <summary>What the watchdog saw at its last tick (its own fields).</summary>
    internal long SeenRole { get; set; }

    /// <summary>What the watchdog saw at its last tick (its own fields).</summary>
    internal int SeenLendCount { get; set; }

    /// <summary>Opens the connection on a new reading thread (which then stays the transport's reader) and waits for it.</summary>
    /// <param name="endpoint">Where to connect.</param>
    /// <param name="options">Limits and keep-alive.</param>
    /// <param name="cancellationToken">Cancels the connect: the socket is disposed, which ends the blocking call.</param>
    /// <returns>The transport.</returns>
    public static async ValueTask<ILiveTransport> ConnectAsync(LiveEndpoint endpoint, ClientOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var attempt = new ConnectAttempt(endpoint, options);
        var thread = new Thread(static state => ((ConnectAttempt)state!).Run()) { IsBackground = true, Name = ThreadName };
        thread.UnsafeStart(attempt);
        using (cancellationToken.UnsafeRegister(static (state, token) => ((ConnectAttempt)state!).Cancel(token), attempt))
        {
            return await attempt.Task.ConfigureAwait(false);
        }
    }

    public override ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            // After the end of the connection every later receive sees the same end again.
            if (TryGetTerminal(out TransportFrame? end))
            {
                return new ValueTask<TransportFrame>(end!);
            }

            object item;
            lock (Gate)
            {
                if (QueuedCountLocked > 0)
                {
                    item = DequeueLocked();
                }
                else if (_pumpEnded || IsDisposed)
                {
                    item = TransportFrame.Close(1006, "The connection was closed.");
                }
                else
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _waiter.Reset();
                    _readerWaiting = true;
                    short version = _waiter.Version;
                    _waitRegistration = cancellationToken.CanBeCanceled
                        ? cancellationToken.UnsafeRegister(static (state, token) => ((ThreadedWebSocketTransport)state!).CancelWait(token), this)
                        : default;
                    return new ValueTask<TransportFrame>(this, version);
                }
            }

            return new ValueTask<TransportFrame>(Take(item));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<TransportFrame>(ex);
        }
    }

    /// <summary>A cancelled receive stops waiting unless a message was handed to it already (then it gets the message).</summary>
    private void CancelWait(CancellationToken token)
    {
        lock (Gate)
        {
            if (!_readerWaiting)
            {
                return;
            }

            _readerWaiting = false;
        }

        _waiter.SetException(new OperationCanceledException(token));
    }

    TransportFrame IValueTaskSource<TransportFrame>.GetResult(short token)
    {
        object item;
        try
        {
            item = _waiter.GetResult(token);
        }
        finally
        {
            _waitRegistration.Dispose();
            _waitRegistration = default;
        }

        return Take(item);
    }

    ValueTaskSourceStatus IValueTaskSource<TransportFrame>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<TransportFrame>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);

    /// <summary>Lets a reading thread waiting for room go on.</summary>
    protected override void OnTakenLocked()
    {
        if (_pumpParked && HasRoomLocked)
        {
            Monitor.Pulse(Gate);
        }
    }

    /// <summary>
    /// Gives the reader role of a thread that was lent for too long to a new thread (called by <see cref="ReceiveWatchdog"/>);
    /// does nothing when the lent thread came back meanwhile.
    /// </summary>
    /// <param name="role">The role the watchdog saw lent.</param>
    internal void TakeOver(long role)
    {
        if (Interlocked.CompareExchange(ref _lentRole, 0, role) != role)
        {
            return;
        }

        long next = role + 1;
        Volatile.Write(ref _role, next);
        var thread = new Thread(static state => { var (transport, role) = ((ThreadedWebSocketTransport, long))state!; transport.RunReader(role); })
        {
            IsBackground = true,
            Name = ThreadName,
        };
        thread.UnsafeStart((this, next));
    }

    /// <summary>
    /// The reading loop of the thread that holds <paramref name="role"/>: reads whole messages, hands one read while a reader
    /// waits to that reader (its code runs here), queues the others and waits for room when the queue is full. Ends at the end
    /// of the connection, on dispose, or when the role was given to another thread while this one was lent.
    /// </summary>
    private void RunReader(long role)
    {
        bool ended = true;
        try
        {
            while (true)
            {
                ValueTask<object> read = ReadItemAsync(PumpCancellation.Token);
                object item = read.IsCompleted ? read.Result : read.AsTask().GetAwaiter().GetResult();
                bool terminal;
                lock (Gate)
                {
                    terminal = CountReadLocked(item);
                    if (terminal)
                    {
                        _pumpEnded = true;
                    }

                    if (!(_readerWaiting && QueuedCountLocked == 0))
                    {
                        if (IsDisposed)
                        {
                            // Nobody takes it any more.
                            (item as TransportFrame)?.Dispose();
                            return;
                        }

                        EnqueueLocked(item);
                        if (terminal)
                        {
                            return;
                        }

                        while (!HasRoomLocked && !IsDisposed)
                        {
                            WaitingForReader = true;
                            _pumpParked = true;
                            Monitor.Wait(Gate);
                        }

                        _pumpParked = false;
                        WaitingForReader = false;
                        if (IsDisposed)
                        {
                            return;
                        }

                        TouchActivity();
                        continue;
                    }

                    _readerWaiting = false;
                }

                if (terminal)
                {
                    _waiter.SetResult(item);
                    return;
                }

                // Lent to the reader's code until it gives the thread back (its next await that does not complete at once).
                _lendCount++;
                Interlocked.Exchange(ref _lentRole, role);
                ReceiveWatchdog.OnLend();
                _waiter.SetResult(item);
                if (Interlocked.CompareExchange(ref _lentRole, 0, role) != role)
                {
                    // The watchdog gave the role to another thread meanwhile.
                    ended = false;
                    return;
                }
            }
        }
        finally
        {
            if (ended)
            {
                ReceiveWatchdog.Unregister(this);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (!await BeginDisposeAsync().ConfigureAwait(false))
        {
            return;
        }

        lock (Gate)
        {
            Monitor.PulseAll(Gate);
        }

        // A blocked read returns (the socket was shut down) and the thread ends by itself; a thread lent to the reader's code
        // ends when it comes back. What it read and nobody took is dropped by it, or with the queue here.
        Socket.Dispose();
        DrainQueue();
    }

    /// <summary>One connect: runs the handshake on the new thread, which then becomes the reader.</summary>
    private sealed class ConnectAttempt
    {
        private readonly LiveEndpoint _endpoint;
        private readonly ClientOptions _options;
        private readonly TaskCompletionSource<ILiveTransport> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _gate = new();
        private Socket? _socket;
        private bool _cancelled;
        private bool _done;

        public ConnectAttempt(LiveEndpoint endpoint, ClientOptions options)
        {
            _endpoint = endpoint;
            _options = options;
        }

        public Task<ILiveTransport> Task => _result.Task;

        public void Cancel(CancellationToken token)
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                _cancelled = true;
                _socket?.Dispose();
            }

            _result.TrySetCanceled(token);
        }

        private void Track(Socket socket)
        {
            lock (_gate)
            {
                if (_cancelled)
                {
                    socket.Dispose();
                    throw new OperationCanceledException();
                }

                _socket = socket;
            }
        }

        public void Run()
        {
            WebSocket socket;
            try
            {
                socket = WebSocketHandshake.Open(_endpoint, _options, Track);
            }
            catch (Exception ex)
            {
                if (!Volatile.Read(ref _cancelled))
                {
                    _result.TrySetException(ex);
                }

                return;
            }

            var transport = new ThreadedWebSocketTransport(socket, _options) { _role = 1 };
            lock (_gate)
            {
                _done = !_cancelled;
            }

            if (!_done)
            {
                socket.Abort();
                socket.Dispose();
                return;
            }

            ReceiveWatchdog.Register(transport);
            _result.TrySetResult(transport);
            transport.RunReader(1);
        }
    }
}
