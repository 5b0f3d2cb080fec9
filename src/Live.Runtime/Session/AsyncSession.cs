using System.Runtime.ExceptionServices;
using Live.Logging;
using Live.Session;
using Live.Wire;
using Microsoft.Extensions.Logging;

namespace Live;

/// <summary>
/// A Live API session: one WebSocket connection to the model, opened by <see cref="AsyncLive.ConnectAsync"/>.
/// Send with the <c>Send…Async</c> methods, read everything the service sends with <see cref="ReceiveAsync"/>,
/// and end it with <see cref="CloseAsync"/> or <c>await using</c>.
/// </summary>
/// <remarks>
/// <para>
/// Sends are safe from many threads at once: each frame is written whole, one at a time (a <see cref="SemaphoreSlim"/>).
/// One reader at a time: a second concurrent <see cref="ReceiveAsync"/> throws <see cref="InvalidOperationException"/>.
/// </para>
/// <para>
/// Errors: a close by the service with 1000 ends <see cref="ReceiveAsync"/> normally; any other close ends it with a
/// <see cref="LiveClientException"/> or <see cref="LiveServerException"/> carrying the code and reason. A frame that
/// cannot be read makes that <see cref="ReceiveAsync"/> throw a <see cref="LiveProtocolException"/> for that frame
/// only: the session stays open and a new <see cref="ReceiveAsync"/> goes on with the next frame (unless
/// <see cref="LiveProtocolException.IsFatal"/>). Sending after the session closed throws
/// <see cref="InvalidOperationException"/>; nothing is dropped silently.
/// </para>
/// <para>
/// Session resumption (when <see cref="LiveConnectConfig.SessionResumption"/> is set and
/// <see cref="ClientOptions.AutomaticResumption"/> is on): the session keeps the latest handle of a
/// <c>sessionResumptionUpdate</c> with <c>resumable: true</c>. On <c>goAway</c> (at once, long before <c>timeLeft</c>
/// runs out) or when the connection drops with a code that does not blame the request, it opens a new connection,
/// sends the same <c>setup</c> (tools included) with <c>sessionResumption.handle</c> set to that handle, waits for
/// <c>setupComplete</c> (which it does not deliver; it is logged), and <see cref="ReceiveAsync"/> goes on with the
/// new connection's messages. The <c>goAway</c> and <c>sessionResumptionUpdate</c> messages are still delivered.
/// Tries are bounded (<see cref="ClientOptions.MaxResumptionAttempts"/>, with a doubling delay); when the session cannot
/// be resumed (no resumable handle yet, the handle refused, every try failed) <see cref="ReceiveAsync"/> ends with a
/// <see cref="LiveResumptionException"/> that says why. The resumption is driven by the reader: a session that
/// resumes needs someone reading <see cref="ReceiveAsync"/> (the tool loop does).
/// </para>
/// <para>
/// Liveness: the WebSocket pings the service (<see cref="ClientOptions.KeepAliveInterval"/>) and a missing pong
/// (<see cref="ClientOptions.KeepAliveTimeout"/>) or, when set, silence (<see cref="ClientOptions.ReceiveIdleTimeout"/>)
/// ends the connection. Whatever notices a lost connection first (a receive, a send, the keep-alive, a cancelled send
/// that aborted the socket, a close), the session moves to the same state: receives end with the same
/// <see cref="LiveServerException"/> (close code 1006, the message says what happened) or the session resumes,
/// <see cref="IsClosed"/> is true (without resumption), later sends throw <see cref="InvalidOperationException"/> and
/// <see cref="CloseAsync"/> returns at once. <see cref="CloseAsync"/> and <see cref="DisposeAsync"/> never wait longer
/// than <see cref="ClientOptions.CloseTimeout"/> for the peer.
/// </para>
/// <para>
/// Sends and connection loss: a send in progress when the connection is lost throws a <see cref="LiveSendException"/>
/// (its frame may not have been delivered). With resumption, a send made while the session resumes (from the moment
/// <c>goAway</c> is read, or the drop is noticed) waits and is written to the new connection, in order; a send whose frame
/// could not be written because the connection was gone is written again to the new one; no frame is written twice. A
/// frame that was written to a connection that then dropped cannot be known to have arrived (the Gemini API acknowledges
/// nothing), and the resumed session continues from the state of the handle, so client messages the service consumed
/// after the last resumable handle may not be part of it. The tool loop writes again the responses the resumed session
/// still expects (see <c>docs/tool-loop.md</c>).
/// </para>
/// </remarks>
public sealed partial class AsyncSession : IAsyncDisposable
{
    private const int MaxMessagesBeforeSetupComplete = 256;

    private readonly ClientOptions _options;
    private readonly ILogger _logger;
    private readonly Queue<PendingMessage> _pending = new();
    private readonly CancellationTokenSource _lifetime = new();
    private volatile LiveConnection _connection;
    private int _reading;
    private int _closeRequested;
    private volatile bool _ended;
    private ExceptionDispatchInfo? _terminalError;

    internal AsyncSession(LiveConnection connection, string model, LiveConnectConfig config, ClientOptions options, ILoggerFactory loggerFactory, ILogger logger)
    {
        _connection = connection;
        _changed = NewSignal();
        Model = model;
        Config = config;
        _options = options;
        LoggerFactory = loggerFactory;
        _logger = logger;
    }

    /// <summary>The configuration the session was set up with (what was sent in <c>setup</c>).</summary>
    public LiveConnectConfig Config { get; }

    /// <summary>The model, normalised as sent in <c>setup.model</c> (for example <c>models/gemini-live-2.5-flash-preview</c>).</summary>
    public string Model { get; }

    /// <summary>The session id from <c>setupComplete</c>, when the service sent one.</summary>
    public string? SessionId { get; private set; }

    /// <summary>Whether the session is closed: by <see cref="CloseAsync"/>, or by the service.</summary>
    public bool IsClosed => Volatile.Read(ref _closeRequested) != 0 || _ended || (_connection.IsCloseReceived && !ResumptionEnabled);

    /// <summary>Whether the session runs on Vertex AI.</summary>
    internal bool IsVertexAI => _options.VertexAI;

    /// <summary>
    /// What the session's model accepts, from <see cref="LiveModelProfiles"/>; null for a model no row covers (or when
    /// <see cref="ClientOptions.CheckModelCapabilities"/> is off).
    /// </summary>
    public LiveModelProfile? Profile { get; internal init; }

    /// <summary>The logger factory of the client (for the tool loop).</summary>
    internal ILoggerFactory LoggerFactory { get; }


    /// <summary>Sends <c>setup</c> and waits for <c>setupComplete</c>, buffering whatever arrives first.</summary>
    /// <param name="setup">The setup message.</param>
    /// <param name="cancellationToken">Cancels (or times out) the wait.</param>
    /// <returns>When the session is ready.</returns>
    internal async Task StartAsync(LiveClientMessage setup, CancellationToken cancellationToken)
    {
        _setup = setup.Setup;
        SessionId = await HandshakeAsync(_connection, setup, _pending, deliverSetupComplete: true, cancellationToken).ConfigureAwait(false);
        SessionLog.SetupComplete(_logger, Model, SessionId);
    }

    /// <summary>Sends <c>setup</c> on a connection and reads until <c>setupComplete</c>, buffering what comes first.</summary>
    /// <returns>The session id of <c>setupComplete</c>.</returns>
    private async Task<string?> HandshakeAsync(
        LiveConnection connection, LiveClientMessage setup, Queue<PendingMessage> buffer, bool deliverSetupComplete, CancellationToken cancellationToken)
    {
        await connection.SendMessageAsync("setup", setup, cancellationToken).ConfigureAwait(false);
        for (int count = 0; count <= MaxMessagesBeforeSetupComplete; count++)
        {
            ReceivedFrame received;
            try
            {
                received = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (LiveProtocolException ex) when (!ex.IsFatal)
            {
                SessionLog.MalformedFrameBeforeSetup(_logger);
                buffer.Enqueue(new PendingMessage(null, ExceptionDispatchInfo.Capture(ex)));
                continue;
            }

            if (received.IsClose)
            {
                int code = received.CloseCode ?? 1005;
                SessionLog.ServerClosed(_logger, code, received.CloseReason);
                throw LiveException.FromClose(code, received.CloseReason, beforeSetupComplete: true);
            }

            LiveServerMessage message = received.Message!;
            if (message.SetupComplete is not null)
            {
                if (deliverSetupComplete)
                {
                    buffer.Enqueue(new PendingMessage(message, null));
                }

                return message.SetupComplete.SessionId;
            }

            buffer.Enqueue(new PendingMessage(message, null));
            SessionLog.BufferedBeforeSetup(_logger, message);
        }

        throw new LiveProtocolException(
            $"The service sent more than {MaxMessagesBeforeSetupComplete} messages without setupComplete.", null, isFatal: true);
    }

    /// <summary>Ends the connection without the close handshake (a failed connect).</summary>
    /// <returns>When the connection is gone.</returns>
    internal async ValueTask AbortAsync()
    {
        Interlocked.Exchange(ref _closeRequested, 1);
        _ended = true;
        CancelLifetime();
        SignalConnectionChanged();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the session with status 1000 (normal closure). Idempotent: later calls, and a close after the service
    /// closed, do nothing. A <see cref="ReceiveAsync"/> in progress ends normally.
    /// </summary>
    /// <param name="cancellationToken">Cancels sending the close frame.</param>
    /// <returns>When the session is closed.</returns>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return;
        }

        SessionLog.Closing(_logger);
        LiveConnection connection;
        lock (_swapLock)
        {
            // Under the lock: a resumption either moved to its new connection already (closed here) or sees the cancellation.
            CancelLifetime();
            connection = _connection;
        }

        SignalConnectionChanged();
        try
        {
            await connection.CloseAsync(1000, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (_resumeTask is { } resuming)
            {
                // A resumption in progress stops (its new connection is disposed); wait for it so nothing is left running.
                await resuming.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Closes the session (see <see cref="CloseAsync"/>).</summary>
    /// <returns>When the session is closed.</returns>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public override string ToString() =>
        $"AsyncSession {Model} (session id {SessionId ?? "none"}, {(IsClosed ? "closed" : "open")}"
        + (ResumptionCount > 0 ? $", resumed {ResumptionCount} time(s))" : ")");

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw new InvalidOperationException("The Live session is closed; nothing can be sent.", _terminalError?.SourceException);
        }
    }

    private void CancelLifetime()
    {
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private readonly record struct PendingMessage(LiveServerMessage? Message, ExceptionDispatchInfo? Error);
}
