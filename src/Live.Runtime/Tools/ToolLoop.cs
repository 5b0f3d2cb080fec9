using System.Collections.Concurrent;
using System.Diagnostics;
using Live.Tools;
using Microsoft.Extensions.Logging;

namespace Live;

/// <summary>
/// The engine behind <see cref="LiveSessionToolExtensions"/>: starts one task per function call, never waiting for a tool
/// on the receive path; cancels calls by id; answers every call that was not cancelled exactly once.
/// </summary>
internal sealed class ToolLoop
{
    private const int RememberedCancelledIds = 256;

    private readonly AsyncSession _session;
    private readonly ILiveToolSet _tools;
    private readonly LiveToolOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _loopCts;
    private readonly object _scheduleLock = new();
    private readonly Queue<ToolCallState> _queued = new();
    private readonly ConcurrentDictionary<string, ToolCallState> _running = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<bool> _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _cancelledBeforeSeenOrder = new();
    private readonly HashSet<string> _cancelledBeforeSeen = new(StringComparer.Ordinal);
    private readonly ToolLoopCounters? _counters;
    private int _active;
    private int _runningCalls;
    private int _shuttingDown;

    public ToolLoop(AsyncSession session, ILiveToolSet tools, LiveToolOptions? options, CancellationToken cancellationToken)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _options = options ?? new LiveToolOptions();
        _options.Validate();
        _counters = _options.Counters;
        _logger = session.LoggerFactory.CreateLogger("Live.Tools.ToolLoop");
        _loopCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Cancelled when the loop ends; passed to every tool through its linked token.</summary>
    public CancellationToken Token => _loopCts.Token;

    /// <summary>Checks the tool set against the session's setup and logs the start.</summary>
    public void Start()
    {
        if (_options.ValidateSetupDeclarations)
        {
            ValidateAgainstSetup();
        }

        _session.Resumed += OnSessionResumed;
        ToolLoopLog.LoopStarted(_logger, _tools.FunctionDeclarations.Count);
    }

    /// <summary>
    /// The session moved to a new connection by session resumption. The resumed session knows the conversation up to
    /// the message that carried its handle: calls that arrived before it are still expected and their responses go to
    /// the new connection; calls that arrived after it are unknown to the resumed session, so they are cancelled and
    /// never answered (the model calls again if it still needs them).
    /// </summary>
    private void OnSessionResumed(long handleMessageIndex)
    {
        foreach (ToolCallState state in _running.Values)
        {
            if (state.MessageIndex > handleMessageIndex)
            {
                ToolLoopLog.CancellationRequested(_logger, state.Id ?? "");
                state.CancelById();
            }
        }
    }

    /// <summary>
    /// Handles the tool parts of a message (starting calls, cancelling calls) without waiting for any tool.
    /// </summary>
    /// <returns>True when the message holds nothing but tool calls or cancellations.</returns>
    public bool Dispatch(LiveServerMessage message)
    {
        if (message.ToolCallCancellation?.Ids is { } ids)
        {
            foreach (string id in ids)
            {
                Cancel(id);
            }
        }

        if (message.ToolCall?.FunctionCalls is { Count: > 0 } calls)
        {
            StartCalls(calls);
        }

        return (message.ToolCall is not null || message.ToolCallCancellation is not null) && !LiveSessionToolExtensions.HasNonToolContent(message);
    }

    /// <summary>Logs a malformed frame the loop skipped.</summary>
    public void LogMalformed(Exception exception) => ToolLoopLog.MalformedMessage(_logger, exception);

    /// <summary>Cancels every call in flight and waits for them within the grace period.</summary>
    public async ValueTask ShutdownAsync()
    {
        _session.Resumed -= OnSessionResumed;
        Volatile.Write(ref _shuttingDown, 1);
        int pending = Volatile.Read(ref _active);
        try
        {
            _loopCts.Cancel();
        }
        catch (AggregateException)
        {
            // A tool's cancellation callback threw; the call itself reports it.
        }

        if (Volatile.Read(ref _active) == 0)
        {
            _drained.TrySetResult(true);
        }

        try
        {
            await _drained.Task.WaitAsync(_options.ShutdownGracePeriod).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ToolLoopLog.GraceExpired(_logger, Volatile.Read(ref _active), _options.ShutdownGracePeriod.TotalMilliseconds);
        }

        ToolLoopLog.LoopEnded(_logger, pending);
        if (Volatile.Read(ref _active) == 0)
        {
            _loopCts.Dispose();
        }
    }

    private void ValidateAgainstSetup()
    {
        var declaredInSetup = new HashSet<string>(StringComparer.Ordinal);
        if (_session.Config.Tools is { } setupTools)
        {
            foreach (Tool tool in setupTools)
            {
                if (tool?.FunctionDeclarations is { } declarations)
                {
                    foreach (FunctionDeclaration declaration in declarations)
                    {
                        if (declaration?.Name is { } name)
                        {
                            declaredInSetup.Add(name);
                        }
                    }
                }
            }
        }

        var missing = new List<string>();
        var implemented = new HashSet<string>(StringComparer.Ordinal);
        foreach (FunctionDeclaration declaration in _tools.FunctionDeclarations)
        {
            if (declaration.Name is { } name)
            {
                implemented.Add(name);
                if (!declaredInSetup.Contains(name))
                {
                    missing.Add(name);
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The tool set implements {string.Join(", ", missing)}, but the session's setup did not declare {(missing.Count == 1 ? "it" : "them")}, " +
                "so the model can never call " + (missing.Count == 1 ? "it" : "them") + ". Put the tool set into the config before connecting, " +
                "for example LiveConnectConfig.Tools = [tools.ToTool()], or set LiveToolOptions.ValidateSetupDeclarations = false.");
        }

        foreach (string name in declaredInSetup)
        {
            if (!implemented.Contains(name))
            {
                ToolLoopLog.DeclaredButNotImplemented(_logger, name);
            }
        }
    }

    private void Cancel(string id)
    {
        if (id is null)
        {
            return;
        }

        if (_running.TryGetValue(id, out ToolCallState? state))
        {
            ToolLoopLog.CancellationRequested(_logger, id);
            state.CancelById();
            return;
        }

        ToolLoopLog.CancellationForUnknownCall(_logger, id);
        lock (_cancelledBeforeSeen)
        {
            if (_cancelledBeforeSeen.Add(id))
            {
                _cancelledBeforeSeenOrder.Enqueue(id);
                if (_cancelledBeforeSeenOrder.Count > RememberedCancelledIds)
                {
                    _cancelledBeforeSeen.Remove(_cancelledBeforeSeenOrder.Dequeue());
                }
            }
        }
    }

    private bool WasCancelledBeforeSeen(string? id)
    {
        if (id is null)
        {
            return false;
        }

        lock (_cancelledBeforeSeen)
        {
            return _cancelledBeforeSeen.Contains(id);
        }
    }

    private void StartCalls(IList<FunctionCall> calls)
    {
        var states = new List<ToolCallState>(calls.Count);
        foreach (FunctionCall call in calls)
        {
            if (call is null)
            {
                continue;
            }

            if (WasCancelledBeforeSeen(call.Id))
            {
                ToolLoopLog.CallCancelled(_logger, call.Name ?? "", call.Id, 0);
                continue;
            }

            _tools.TryGetTool(call.Name ?? "", out LiveToolInfo? info);
            states.Add(new ToolCallState(this, call, info) { MessageIndex = _session.DeliveredMessageCount });
        }

        if (states.Count == 0)
        {
            return;
        }

        // Calls of blocking tools answer together unless told otherwise; non-blocking tools always answer on their own.
        ToolCallBatch? batch = null;
        if (!_options.RespondImmediately)
        {
            int blocking = 0;
            foreach (ToolCallState state in states)
            {
                if (!state.IsNonBlocking)
                {
                    blocking++;
                }
            }

            if (blocking > 0)
            {
                batch = new ToolCallBatch(blocking);
            }
        }

        foreach (ToolCallState state in states)
        {
            if (!state.IsNonBlocking && batch is not null)
            {
                state.Batch = batch;
                batch.Add(state);
            }

            if (state.Id is { } id && !_running.TryAdd(id, state))
            {
                // The same id twice while the first still runs: the second cannot be cancelled by id, but is still answered.
                state.Registered = false;
            }

            Interlocked.Increment(ref _active);
            _counters?.OnCallStarted();
            lock (_scheduleLock)
            {
                _queued.Enqueue(state);
            }
        }

        StartQueuedCalls();
    }

    /// <summary>Starts queued calls, in arrival order, while fewer than MaxConcurrency run; never waits.</summary>
    private void StartQueuedCalls()
    {
        while (true)
        {
            ToolCallState next;
            lock (_scheduleLock)
            {
                if (_queued.Count == 0 || _runningCalls >= _options.MaxConcurrency)
                {
                    return;
                }

                next = _queued.Dequeue();
                _runningCalls++;
            }

            // The tool runs on the thread pool, so even a synchronous tool never runs on the receive loop.
            _ = Task.Run(next.RunAsync);
        }
    }

    private void OnSlotFreed()
    {
        lock (_scheduleLock)
        {
            _runningCalls--;
        }

        StartQueuedCalls();
    }

    private async Task SendAsync(IReadOnlyList<FunctionResponse> responses)
    {
        if (responses.Count == 0 || _loopCts.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await _session.SendToolResponseAsync(responses, _loopCts.Token).ConfigureAwait(false);
            _counters?.OnResponsesSent(responses.Count);
            ToolLoopLog.ResponseSent(_logger, responses.Count);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or LiveException or ObjectDisposedException)
        {
            ToolLoopLog.ResponseNotSent(_logger, ex);
        }
    }

    private void OnCallEnded()
    {
        if (Interlocked.Decrement(ref _active) == 0 && Volatile.Read(ref _shuttingDown) == 1)
        {
            _drained.TrySetResult(true);
        }
    }

    /// <summary>The responses of the blocking calls of one toolCall message, sent together when the last finishes.</summary>
    private sealed class ToolCallBatch
    {
        private readonly List<ToolCallState> _calls;
        private int _remaining;

        public ToolCallBatch(int count)
        {
            _calls = new List<ToolCallState>(count);
            _remaining = count;
        }

        public void Add(ToolCallState state) => _calls.Add(state);

        /// <summary>Records that a call finished; returns the responses to send when it was the last one.</summary>
        public List<FunctionResponse>? Complete()
        {
            if (Interlocked.Decrement(ref _remaining) != 0)
            {
                return null;
            }

            var responses = new List<FunctionResponse>(_calls.Count);
            foreach (ToolCallState call in _calls)
            {
                // A call cancelled by id after it finished but before the batch went out is still never answered.
                if (call.Response is { } response && !call.IsCancelledById)
                {
                    responses.Add(response);
                }
            }

            return responses;
        }
    }

    /// <summary>One function call in flight.</summary>
    private sealed class ToolCallState
    {
        private readonly ToolLoop _loop;
        private readonly FunctionCall _call;
        private readonly LiveToolInfo? _info;
        private readonly CancellationTokenSource _cts;
        private readonly TimeSpan? _timeout;
        private int _cancelledById;

        public ToolCallState(ToolLoop loop, FunctionCall call, LiveToolInfo? info)
        {
            _loop = loop;
            _call = call;
            _info = info;
            Name = call.Name ?? "";
            Id = call.Id;
            _timeout = info?.Timeout ?? loop._options.DefaultTimeout;
            _cts = CancellationTokenSource.CreateLinkedTokenSource(loop._loopCts.Token);
            loop._counters?.OnTokenSourceCreated();
            if (_timeout is { } timeout)
            {
                _cts.CancelAfter(timeout);
                loop._counters?.OnTimerStarted();
            }
        }

        public string Name { get; }

        public string? Id { get; }

        public bool Registered { get; set; } = true;

        /// <summary>The session's index of the toolCall message (see <see cref="AsyncSession.DeliveredMessageCount"/>).</summary>
        public long MessageIndex { get; init; }

        public ToolCallBatch? Batch { get; set; }

        public FunctionResponse? Response { get; private set; }

        public bool IsNonBlocking => _info?.Behavior == Behavior.NonBlocking;

        public bool IsCancelledById => Volatile.Read(ref _cancelledById) == 1;

        public void CancelById()
        {
            if (Interlocked.Exchange(ref _cancelledById, 1) == 0)
            {
                try
                {
                    _cts.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Already finished: nothing to cancel, and its response is withheld by IsCancelledById.
                }
                catch (AggregateException)
                {
                    // A callback registered by the tool threw; the tool's own task reports its outcome.
                }
            }
        }

        public async Task RunAsync()
        {
            long started = Stopwatch.GetTimestamp();
            Activity? activity = StartActivity();
            ILogger logger = _loop._logger;
            FunctionResponse? response = null;
            string? errorType = null;
            bool cancelled = false;
            try
            {
                ToolLoopLog.CallStarted(logger, Name, Id);
                if (logger.IsEnabled(LogLevel.Trace))
                {
                    ToolLoopLog.CallArguments(logger, Name, Id, _call.Args?.GetRawText() ?? "null");
                }

                LiveToolTelemetry.Calls.Add(1, new KeyValuePair<string, object?>("gen_ai.tool.name", Name));
                try
                {
                    // A call cancelled (or timed out) while it waited for a slot never reaches its tool.
                    _cts.Token.ThrowIfCancellationRequested();
                    response = await _loop._tools.InvokeAsync(_call, _cts.Token).ConfigureAwait(false);
                }
                finally
                {
                    _loop.OnSlotFreed();
                }

                if (response is null)
                {
                    errorType = "null_response";
                    response = FunctionResponse.FromError(Id, Name, $"The tool \"{Name}\" returned no response.");
                }
                else
                {
                    response.Id ??= Id;
                    response.Name ??= Name;
                    if (response.ToolException is { } toolException)
                    {
                        errorType = toolException.GetType().FullName;
                        if (_loop._options.IncludeExceptionDetails && toolException is not LiveToolException)
                        {
                            response = FunctionResponse.FromError(Id, Name, $"The tool \"{Name}\" failed: {toolException.Message}");
                            response.ToolException = toolException;
                        }
                    }
                    else if (response.IsError)
                    {
                        errorType = "tool_error";
                    }
                }
            }
            catch (OperationCanceledException) when (_cts.IsCancellationRequested)
            {
                if (IsCancelledById || _loop._loopCts.IsCancellationRequested)
                {
                    cancelled = true;
                }
                else
                {
                    errorType = "timeout";
                    double ms = _timeout?.TotalMilliseconds ?? 0;
                    ToolLoopLog.CallTimedOut(logger, Name, Id, ms);
                    response = FunctionResponse.FromError(Id, Name, $"The tool \"{Name}\" timed out after {FormatDuration(_timeout ?? TimeSpan.Zero)}.");
                }
            }
            catch (Exception ex)
            {
                errorType = ex.GetType().FullName;
                string message = ex is LiveToolException || _loop._options.IncludeExceptionDetails
                    ? $"The tool \"{Name}\" failed: {ex.Message}"
                    : $"The tool \"{Name}\" failed.";
                response = FunctionResponse.FromError(Id, Name, message);
                response.ToolException = ex;
            }

            if (IsCancelledById)
            {
                // Never answer a call the model cancelled, even when it finished first.
                cancelled = true;
                response = null;
            }

            double durationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Finish(activity, durationMs, cancelled, errorType, response);
            Response = response;

            try
            {
                if (cancelled || response is null)
                {
                    if (Batch?.Complete() is { } batchResponses)
                    {
                        await _loop.SendAsync(batchResponses).ConfigureAwait(false);
                    }
                }
                else if (Batch is null)
                {
                    if (IsNonBlocking && response.Scheduling is null && _info?.Scheduling is { } scheduling && scheduling != FunctionResponseScheduling.Unspecified)
                    {
                        response.Scheduling = scheduling;
                    }

                    await _loop.SendAsync(new[] { response }).ConfigureAwait(false);
                }
                else if (Batch.Complete() is { } batchResponses)
                {
                    await _loop.SendAsync(batchResponses).ConfigureAwait(false);
                }
            }
            finally
            {
                if (Registered && Id is not null)
                {
                    _loop._running.TryRemove(new KeyValuePair<string, ToolCallState>(Id, this));
                }

                _cts.Dispose();
                _loop._counters?.OnTokenSourceDisposed(_timeout is not null);
                _loop._counters?.OnCallEnded(cancelled);
                _loop.OnCallEnded();
            }
        }

        private Activity? StartActivity()
        {
            if (!LiveToolTelemetry.ActivitySource.HasListeners())
            {
                return null;
            }

            Activity? activity = LiveToolTelemetry.ActivitySource.StartActivity("execute_tool " + Name, ActivityKind.Internal);
            if (activity is not null)
            {
                activity.SetTag("gen_ai.operation.name", "execute_tool");
                activity.SetTag("gen_ai.tool.name", Name);
                activity.SetTag("gen_ai.tool.type", "function");
                if (Id is not null)
                {
                    activity.SetTag("gen_ai.tool.call.id", Id);
                }
            }

            return activity;
        }

        private void Finish(Activity? activity, double durationMs, bool cancelled, string? errorType, FunctionResponse? response)
        {
            ILogger logger = _loop._logger;
            var nameTag = new KeyValuePair<string, object?>("gen_ai.tool.name", Name);
            if (cancelled)
            {
                ToolLoopLog.CallCancelled(logger, Name, Id, durationMs);
                errorType ??= "cancelled";
            }
            else if (errorType is not null)
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    // Reading the message parses a pre-serialized response, so only when it will be logged.
                    string error = response?.Response?["error"]?.ToString() ?? errorType;
                    ToolLoopLog.CallFailed(logger, Name, Id, durationMs, error, response?.ToolException);
                }
                LiveToolTelemetry.Errors.Add(1, nameTag, new KeyValuePair<string, object?>("error.type", errorType));
            }
            else
            {
                ToolLoopLog.CallFinished(logger, Name, Id, durationMs);
            }

            if (!cancelled && response is not null && logger.IsEnabled(LogLevel.Trace))
            {
                string json = response.ResponseUtf8.IsEmpty
                    ? response.Response?.ToJsonString() ?? "null"
                    : System.Text.Encoding.UTF8.GetString(response.ResponseUtf8.Span);
                ToolLoopLog.CallResponse(logger, Name, Id, json);
            }

            LiveToolTelemetry.Duration.Record(durationMs / 1000.0, nameTag);
            if (activity is not null)
            {
                if (errorType is not null)
                {
                    activity.SetTag("error.type", errorType);
                    activity.SetStatus(cancelled ? ActivityStatusCode.Unset : ActivityStatusCode.Error);
                }

                activity.Dispose();
            }
        }

        private static string FormatDuration(TimeSpan duration) =>
            duration.TotalSeconds >= 1
                ? duration.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s"
                : duration.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms";
    }
}
