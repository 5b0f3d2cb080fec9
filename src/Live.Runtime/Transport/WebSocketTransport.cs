using System.Net;
using System.Net.WebSockets;
using Live.Session;

namespace Live.Transport;

/// <summary>
/// A <see cref="ILiveTransport"/> over any <see cref="WebSocket"/> (a <see cref="ClientWebSocket"/>, or one from
/// <see cref="ClientOptions.WebSocketFactory"/>), read with its asynchronous API. A pump reads whole messages ahead into a
/// small bounded queue, so cancelling a receive never aborts the socket (as cancelling
/// <see cref="WebSocket.ReceiveAsync(Memory{byte}, CancellationToken)"/> would) and no message is lost.
/// </summary>
/// <remarks>
/// No hop between threads on the way to the reader: a message read while a reader waits is handed to it on the thread that
/// read it (the pump run ends there, and the reader starts the next one before it returns the message); a message read while
/// nobody waits goes into the queue, and the pump stops when the queue is full. One socket read is in progress at a time
/// (<see cref="_inFlight"/>). <see cref="ConnectAsync"/> prefers <see cref="ThreadedWebSocketTransport"/> when it can.
/// </remarks>
internal sealed class WebSocketTransport : WebSocketTransportBase
{
    // The pump run in progress (under Gate): it returns the message a waiting reader takes, or NoItem once it queued what it
    // read and stopped. A run that handed a message to a reader that was cancelled meanwhile keeps it as its result.
    private Task<object>? _inFlight;
    private bool _readerWaiting;
    private bool _pumpEnded;

    internal WebSocketTransport(WebSocket socket, ClientOptions options)
        : base(socket, options, blockingWrites: false)
    {
        lock (Gate)
        {
            _inFlight = Task.Run(PumpAsync);
        }
    }

    /// <summary>What a pump run returns when it put what it read into the queue (no reader was waiting).</summary>
    private static readonly object NoItem = new();

    /// <summary>
    /// Opens a transport to the endpoint: over a socket of its own with a dedicated reading thread
    /// (<see cref="ThreadedWebSocketTransport"/>) unless the options call for a <see cref="ClientWebSocket"/> (see
    /// <see cref="UsesClientWebSocket(LiveEndpoint, ClientOptions)"/>), or over the WebSocket <see cref="ClientOptions.WebSocketFactory"/> supplies.
    /// </summary>
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
        else if (!UsesClientWebSocket(endpoint, options))
        {
            return await ThreadedWebSocketTransport.ConnectAsync(endpoint, options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            socket = await ConnectClientWebSocketAsync(endpoint, options, cancellationToken).ConfigureAwait(false);
        }

        return new WebSocketTransport(socket, options);
    }

    /// <summary>
    /// Whether the connection needs the <see cref="ClientWebSocket"/>: asked for (<see cref="ClientOptions.UseClientWebSocket"/>),
    /// configured (<see cref="ClientOptions.ConfigureWebSocket"/>), a proxy applies to the URL
    /// (<see cref="HttpClient.DefaultProxy"/>, which reads the environment), or a header the handshake writes itself is set.
    /// </summary>
    /// <param name="endpoint">Where to connect.</param>
    /// <param name="options">The options.</param>
    /// <returns>Whether to use the <see cref="ClientWebSocket"/>.</returns>
    internal static bool UsesClientWebSocket(LiveEndpoint endpoint, ClientOptions options) =>
        UsesClientWebSocket(endpoint, options, static () => HttpClient.DefaultProxy);

    /// <summary>As <see cref="UsesClientWebSocket(LiveEndpoint, ClientOptions)"/>, with the proxy settings given (tests).</summary>
    /// <param name="endpoint">Where to connect.</param>
    /// <param name="options">The options.</param>
    /// <param name="proxy">The proxy settings the <see cref="ClientWebSocket"/> would use.</param>
    /// <returns>Whether to use the <see cref="ClientWebSocket"/>.</returns>
    internal static bool UsesClientWebSocket(LiveEndpoint endpoint, ClientOptions options, Func<IWebProxy> proxy)
    {
        if (options.UseClientWebSocket || options.ConfigureWebSocket is not null || !WebSocketHandshake.CanWrite(endpoint.Headers))
        {
            return true;
        }

        // The proxy sees the URL as the ClientWebSocket asks it: http(s) instead of ws(s).
        var builder = new UriBuilder(endpoint.Uri) { Scheme = endpoint.Uri.Scheme == "wss" ? "https" : "http", Port = endpoint.Uri.Port };
        Uri target = builder.Uri;
        try
        {
            IWebProxy settings = proxy();
            return !settings.IsBypassed(target) && settings.GetProxy(target) is { } via && via != target;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A proxy that cannot answer: the ClientWebSocket meets the same proxy and reports it.
            return true;
        }
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
            throw WebSocketHandshake.Refused(endpoint, status, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override async ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        // After the end of the connection every later receive sees the same end again.
        if (TryGetTerminal(out TransportFrame? end))
        {
            return end!;
        }

        object item;
        Task<object>? run = null;
        lock (Gate)
        {
            if (QueuedCountLocked > 0)
            {
                item = DequeueLocked();
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
                lock (Gate)
                {
                    _readerWaiting = false;
                }
            }

            lock (Gate)
            {
                if (ReferenceEquals(item, NoItem))
                {
                    // The run queued what it read (nobody was waiting yet) and stopped.
                    item = QueuedCountLocked > 0 ? DequeueLocked() : TransportFrame.Close(1006, "The connection was closed.");
                }
                else if (ReferenceEquals(_inFlight, run))
                {
                    _inFlight = null;
                }
            }
        }

        return Take(item);
    }

    /// <summary>Starts the next pump run when none is in progress, so the socket is read while the reader works on this message.</summary>
    protected override void OnTakenLocked()
    {
        if (_inFlight is null && HasRoomLocked)
        {
            StartPumpLocked();
        }
    }

    /// <summary>
    /// Starts a pump run (under <see cref="WebSocketTransportBase.Gate"/>) and makes it <see cref="_inFlight"/> unless it already
    /// stopped (it reads at once what the socket holds); null once the connection ended or the transport was disposed.
    /// </summary>
    private Task<object>? StartPumpLocked()
    {
        if (_pumpEnded || IsDisposed)
        {
            return null;
        }

        WaitingForReader = false;
        TouchActivity();
        Task<object> run = PumpAsync();
        if (!run.IsCompleted || !ReferenceEquals(run.Result, NoItem))
        {
            _inFlight = run;
        }

        return run;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!await BeginDisposeAsync().ConfigureAwait(false))
        {
            return;
        }

        Task<object>? running;
        lock (Gate)
        {
            running = _inFlight;
        }

        if (running is not null)
        {
            // Never throws; what it read and nobody took is dropped with the queue below.
            object last = await running.ConfigureAwait(false);
            lock (Gate)
            {
                if (!_readerWaiting && ReferenceEquals(_inFlight, running))
                {
                    _inFlight = null;
                    (last as TransportFrame)?.Dispose();
                }
            }
        }

        Socket.Dispose();
        PumpCancellation.Dispose();
        DrainQueue();
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
            // The pump's token (cancelled by DisposeAsync) ends a read whatever the stream under the WebSocket does on abort.
            object item = await ReadItemAsync(PumpCancellation.Token).ConfigureAwait(false);
            lock (Gate)
            {
                bool terminal = CountReadLocked(item);
                if (terminal)
                {
                    _pumpEnded = true;
                }

                if (_readerWaiting && QueuedCountLocked == 0)
                {
                    // Handed over: the reader clears _inFlight when it takes it (a cancelled reader leaves it to the next).
                    return item;
                }

                EnqueueLocked(item);
                if (terminal || !HasRoomLocked)
                {
                    // Stopped until the reader takes a message (which starts the next run).
                    WaitingForReader = !terminal;
                    _inFlight = null;
                    return NoItem;
                }
            }
        }
    }
}
