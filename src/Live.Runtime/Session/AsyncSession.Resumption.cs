using System.Net.WebSockets;
using Live.Logging;
using Live.Session;
using Live.Wire;

namespace Live;

public sealed partial class AsyncSession
{
    private static readonly TimeSpan MaxResumptionRetryDelay = TimeSpan.FromSeconds(8);

    private readonly SemaphoreSlim _sendOrder = new(1, 1);
    private readonly object _swapLock = new();
    private LiveClientSetup? _setup;
    private TaskCompletionSource<bool> _changed;
    private Func<LiveConnection, IToolResponseSource, CancellationToken, Task>? _sendCollected;
    private Task<Queue<PendingMessage>>? _resumeTask;
    private volatile bool _resuming;
    private volatile string? _resumptionHandle;
    private long _handleMessageIndex;
    private long _deliveredMessages;
    private int _handleUpdates;
    private int _resumptionCount;

    /// <summary>
    /// How many times the session moved to a new connection by session resumption (see the remarks of
    /// <see cref="AsyncSession"/>).
    /// </summary>
    public int ResumptionCount => Volatile.Read(ref _resumptionCount);

    /// <summary>
    /// The latest handle of a <c>sessionResumptionUpdate</c> with <c>resumable: true</c>, which the session resumes
    /// with; null until one arrives. Treat it like a credential: it is not shown by <see cref="ToString"/> nor in log
    /// messages (only inside the frame payloads logged at <c>Trace</c>).
    /// </summary>
    public string? ResumptionHandle => _resumptionHandle;

    /// <summary>Whether the session resumes by itself (resumption configured and not turned off).</summary>
    internal bool ResumptionEnabled => _options.AutomaticResumption && Config.SessionResumption is not null;

    /// <summary>
    /// How many messages <see cref="ReceiveAsync"/> has delivered; the index of the message just delivered. The tool
    /// loop records it for each toolCall to know whether a resumed session still expects the answer.
    /// </summary>
    internal long DeliveredMessageCount => Interlocked.Read(ref _deliveredMessages);

    /// <summary>
    /// Raised after the session moved to a new connection, with the index (see <see cref="DeliveredMessageCount"/>) of
    /// the message that carried the handle it resumed with: the resumed session knows what was delivered up to it.
    /// </summary>
    internal event Action<long>? Resumed;

    /// <summary>Counts a delivered message and acts on resumption updates and goAway.</summary>
    private LiveServerMessage Deliver(LiveServerMessage message)
    {
        long index = Interlocked.Increment(ref _deliveredMessages);
        if (message.SessionResumptionUpdate is { } update)
        {
            if (update.Resumable == true && !string.IsNullOrEmpty(update.NewHandle))
            {
                _resumptionHandle = update.NewHandle;
                Interlocked.Exchange(ref _handleMessageIndex, index);
                SessionLog.ResumptionHandleReceived(_logger, ++_handleUpdates);
            }
            else
            {
                SessionLog.NotResumableNow(_logger);
            }
        }

        if (message.GoAway is { } goAway && ResumptionEnabled && Volatile.Read(ref _closeRequested) == 0 && _resumeTask is null)
        {
            if (_resumptionHandle is null)
            {
                SessionLog.GoAwayWithoutHandle(_logger, goAway.TimeLeft);
            }
            else
            {
                // Proactively, right away: sends wait from now on and go to the new connection.
                StartResumption(_connection, $"the service sent goAway (time left {goAway.TimeLeft ?? "unknown"})", null);
            }
        }

        return message;
    }

    /// <summary>Starts resuming after the connection broke, or says why it cannot.</summary>
    /// <param name="failed">The connection that broke.</param>
    /// <param name="cause">How it broke.</param>
    /// <returns>Null when resumption started; else the exception that ends the session.</returns>
    private LiveResumptionException? TryStartResumption(LiveConnection failed, LiveException cause)
    {
        if (_resumptionHandle is null)
        {
            string reason =
                $"the connection was lost ({cause.Message}) before the service sent a resumable handle (a sessionResumptionUpdate with resumable: true), so there is nothing to resume from.";
            SessionLog.ResumptionFailed(_logger, reason);
            return new LiveResumptionException("The Live session could not be resumed: " + reason, cause.CloseCode, cause.CloseReason, 0, cause);
        }

        StartResumption(failed, $"the connection was lost ({cause.Message})", cause);
        return null;
    }

    private void StartResumption(LiveConnection old, string reason, LiveException? cause)
    {
        _resuming = true;
        SessionLog.Resuming(_logger, reason);
        _resumeTask = ResumeAsync(old, cause);
    }

    /// <summary>Opens new connections with the latest handle until one completes the setup (bounded tries).</summary>
    /// <returns>The messages that arrived on the new connection before its <c>setupComplete</c>.</returns>
    private async Task<Queue<PendingMessage>> ResumeAsync(LiveConnection old, LiveException? cause)
    {
        await Task.Yield();
        if (cause is not null)
        {
            // The old connection is gone: release it now.
            _ = RetireAsync(old, sendClose: false);
        }

        int maxAttempts = _options.MaxResumptionAttempts;
        TimeSpan delay = _options.ResumptionRetryDelay;
        Exception? last = null;
        CancellationToken lifetime = _lifetime.Token;
        for (int attempt = 1; attempt <= maxAttempts; attempt++)
        {
            LiveConnection? candidate = null;
            try
            {
                if (attempt > 1)
                {
                    await Task.Delay(delay, lifetime).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxResumptionRetryDelay.Ticks));
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
                if (_options.SetupTimeout != Timeout.InfiniteTimeSpan)
                {
                    timeout.CancelAfter(_options.SetupTimeout);
                }

                string handle = _resumptionHandle!;
                var buffered = new Queue<PendingMessage>();
                string? sessionId;
                try
                {
                    candidate = await SessionConnector.OpenAsync(_options, Model, _logger, timeout.Token).ConfigureAwait(false);
                    sessionId = await HandshakeAsync(candidate, SetupWithHandle(handle), buffered, deliverSetupComplete: false, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !lifetime.IsCancellationRequested)
                {
                    throw new TimeoutException(
                        $"no setupComplete within {_options.SetupTimeout.TotalSeconds:0.###} s (ClientOptions.SetupTimeout)", ex);
                }

                // Before any send can reach the new connection: the tool loop withdraws the answers the resumed session
                // must not get (calls after the handle) and queues the ones it still expects.
                Resumed?.Invoke(Interlocked.Read(ref _handleMessageIndex));
                lock (_swapLock)
                {
                    if (lifetime.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(lifetime);
                    }

                    _connection = candidate;
                    candidate = null;
                    if (sessionId is not null)
                    {
                        SessionId = sessionId;
                    }

                    Interlocked.Increment(ref _resumptionCount);
                    _resuming = false;
                }

                SessionLog.Resumed(_logger, ResumptionCount, SessionId);
                SignalConnectionChanged();
                if (cause is null)
                {
                    _ = RetireAsync(old, sendClose: true);
                }

                return buffered;
            }
            catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
            {
                // The session is closing.
                throw;
            }
            catch (LiveClientException ex)
            {
                string reason = $"the service refused to resume the session (code {ex.CloseCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.HttpStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}): {ex.Message}";
                SessionLog.ResumptionFailed(_logger, reason);
                throw EndWith(new LiveResumptionException("The Live session could not be resumed: " + reason, cause?.CloseCode, cause?.CloseReason, attempt, ex));
            }
            catch (Exception ex) when (ex is LiveException or TimeoutException or IOException or WebSocketException or InvalidOperationException or System.Net.Http.HttpRequestException)
            {
                last = ex;
                SessionLog.ResumptionAttemptFailed(_logger, attempt, maxAttempts, ex.Message);
            }
            finally
            {
                if (candidate is not null)
                {
                    await candidate.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        string failure = $"{maxAttempts} tries to reconnect failed (ClientOptions.MaxResumptionAttempts); the last: {last?.Message}";
        SessionLog.ResumptionFailed(_logger, failure);
        throw EndWith(new LiveResumptionException("The Live session could not be resumed: " + failure, cause?.CloseCode, cause?.CloseReason, maxAttempts, last));
    }

    private LiveResumptionException EndWith(LiveResumptionException error)
    {
        End(error);
        return error;
    }

    /// <summary>The setup of the session with the handle to resume from.</summary>
    private LiveClientMessage SetupWithHandle(string handle)
    {
        LiveClientSetup setup = _setup!;
        return new LiveClientMessage
        {
            Setup = new LiveClientSetup
            {
                Model = setup.Model,
                GenerationConfig = setup.GenerationConfig,
                SystemInstruction = setup.SystemInstruction,
                Tools = setup.Tools,
                RealtimeInputConfig = setup.RealtimeInputConfig,
                SessionResumption = new SessionResumptionConfig { Handle = handle, Transparent = setup.SessionResumption?.Transparent },
                ContextWindowCompression = setup.ContextWindowCompression,
                InputAudioTranscription = setup.InputAudioTranscription,
                OutputAudioTranscription = setup.OutputAudioTranscription,
                Proactivity = setup.Proactivity,
                ExplicitVadSignal = setup.ExplicitVadSignal,
                AdditionalProperties = setup.AdditionalProperties,
            },
        };
    }

    /// <summary>Closes (when it still works) and disposes a connection the session left; never throws.</summary>
    private async Task RetireAsync(LiveConnection connection, bool sendClose)
    {
        try
        {
            if (sendClose)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await connection.CloseAsync(1000, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or InvalidOperationException or IOException or ObjectDisposedException)
        {
            // Best effort: the connection is being left anyway.
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Wakes senders waiting for a new connection (or for the end of the session).</summary>
    private void SignalConnectionChanged() =>
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult(true);

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Sends the tool responses <paramref name="source"/> collects at the moment a connection is ready to take them
    /// (after a resumption, the tool loop has then already withdrawn what the resumed session must not get); nothing
    /// when it collects none. Without resumption the responses are collected, and the frame written, before this returns
    /// (the task is then already complete unless the connection had to wait).
    /// </summary>
    /// <param name="source">Collects the responses to send now, and records which ones went out.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was sent, or nothing was to be sent.</returns>
    internal Task SendToolResponsesWhenReadyAsync(IToolResponseSource source, CancellationToken cancellationToken) =>
        SendThroughAsync(source, _sendCollected ??= SendCollectedAsync, cancellationToken);

    private Task SendCollectedAsync(LiveConnection connection, IToolResponseSource source, CancellationToken cancellationToken)
    {
        List<FunctionResponse>? responses = source.Collect(DeliveredMessageCount);
        if (responses is not { Count: > 0 })
        {
            return Task.CompletedTask;
        }

        var message = new LiveClientMessage { ToolResponse = new LiveClientToolResponse { FunctionResponses = responses } };
        return connection.SendMessageAsync("toolResponse", message, cancellationToken);
    }

    /// <summary>
    /// Sends through the current connection; with resumption, waits while the session resumes and sends again on the
    /// new connection when the one it used turned out to be gone.
    /// </summary>
    private Task SendThroughAsync<TState>(TState state, Func<LiveConnection, TState, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (!ResumptionEnabled)
        {
            return send(_connection, state, cancellationToken);
        }

        return SendResumableAsync(state, send, cancellationToken);
    }

    private async Task SendResumableAsync<TState>(TState state, Func<LiveConnection, TState, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        // One send at a time at the session level, first come first served: sends held during a resumption go out in
        // the order they were made once the new connection is ready.
        await _sendOrder.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendInOrderAsync(state, send, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendOrder.Release();
        }
    }

    private async Task SendInOrderAsync<TState>(TState state, Func<LiveConnection, TState, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        LiveConnection? failed = null;
        while (true)
        {
            Task changed = Volatile.Read(ref _changed).Task;
            ThrowIfClosed();
            LiveConnection connection = _connection;
            if (_resuming || ReferenceEquals(connection, failed))
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await send(connection, state, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or LiveSendException && Volatile.Read(ref _closeRequested) == 0 && !_ended)
            {
                // The connection is gone (before or while the frame was written: a frame whose write failed is incomplete,
                // so the service did not get it); the reader decides whether the session resumes. Wait and send again.
                failed = connection;
            }
        }
    }
}
