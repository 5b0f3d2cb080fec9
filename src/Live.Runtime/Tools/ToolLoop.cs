using System.Collections.Concurrent;
using System.Diagnostics;
using Live.Tools;
using Microsoft.Extensions.Logging;

namespace Live;

/// <summary>
/// The engine behind <see cref="LiveSessionToolExtensions"/>: starts one task per function call, never waiting for a tool
/// on the receive path; cancels calls by id; answers every call that was not cancelled exactly once.
/// </summary>
/// <remarks>
/// The coordinator of four parts: <see cref="ToolCallScheduler"/> (queue, concurrency, batching),
/// <see cref="ToolCallInvoker"/> (invocation and its <see cref="ToolCallOutcome"/>, error texts from
/// <see cref="ToolErrorText"/>), <see cref="ToolLoopTelemetry"/> (tracing, metrics, logging) and this class (the calls by
/// id, cancellation, resumption, sending).
/// </remarks>
internal sealed class ToolLoop
{
    private const int RememberedCancelledIds = 256;

    private readonly AsyncSession _session;
    private readonly ILiveToolSet _tools;
    private readonly LiveToolOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _loopCts;
    private readonly ConcurrentDictionary<string, ToolCall> _running = new(StringComparer.Ordinal);
    private readonly Queue<string> _cancelledBeforeSeenOrder = new();
    private readonly HashSet<string> _cancelledBeforeSeen = new(StringComparer.Ordinal);
    private readonly ToolLoopCounters? _counters;
    private readonly ToolLoopTelemetry _telemetry;
    private readonly ToolCallInvoker _invoker;
    private readonly ToolCallScheduler _scheduler;

    public ToolLoop(AsyncSession session, ILiveToolSet tools, LiveToolOptions? options, CancellationToken cancellationToken)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _options = options ?? new LiveToolOptions();
        _options.Validate();
        _counters = _options.Counters;
        _logger = session.LoggerFactory.CreateLogger("Live.Tools.ToolLoop");
        _loopCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _telemetry = new ToolLoopTelemetry(_logger);
        _invoker = new ToolCallInvoker(_tools, _options.IncludeExceptionDetails, _loopCts.Token);
        _scheduler = new ToolCallScheduler(_options.MaxConcurrency, _options.RespondImmediately, RunCallAsync, _counters);
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
        foreach (ToolCall state in _running.Values)
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
        Task drained = _scheduler.BeginShutdown();
        int pending = _scheduler.Active;
        try
        {
            _loopCts.Cancel();
        }
        catch (AggregateException)
        {
            // A tool's cancellation callback threw; the call itself reports it.
        }

        _scheduler.CompleteIfDrained();
        try
        {
            await drained.WaitAsync(_options.ShutdownGracePeriod).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ToolLoopLog.GraceExpired(_logger, _scheduler.Active, _options.ShutdownGracePeriod.TotalMilliseconds);
        }

        ToolLoopLog.LoopEnded(_logger, pending);
        if (_scheduler.Active == 0)
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

        if (_running.TryGetValue(id, out ToolCall? state))
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
        var started = new List<ToolCall>(calls.Count);
        foreach (FunctionCall call in calls)
        {
            if (call is null)
            {
                continue;
            }

            if (WasCancelledBeforeSeen(call.Id))
            {
                ToolLoopLog.CallCancelled(_logger, call.Name ?? "", call.Id, 0);
                Observe(new ToolCallOutcome { Call = call, Name = call.Name ?? "", Status = ToolCallStatus.Cancelled, Duration = TimeSpan.Zero });
                continue;
            }

            _tools.TryGetTool(call.Name ?? "", out LiveToolInfo? info);
            var toolCall = new ToolCall(call, info, _options.DefaultTimeout, _loopCts.Token, _counters) { MessageIndex = _session.DeliveredMessageCount };
            if (toolCall.Id is { } id && !_running.TryAdd(id, toolCall))
            {
                // The same id twice while the first still runs: the second cannot be cancelled by id, but is still answered.
                toolCall.Registered = false;
            }

            started.Add(toolCall);
        }

        if (started.Count > 0)
        {
            _scheduler.Schedule(started);
        }
    }

    /// <summary>Hands an outcome to <see cref="LiveToolOptions.OnToolCallCompleted"/>; what it throws is logged, never the loop's problem.</summary>
    private void Observe(ToolCallOutcome outcome)
    {
        if (_options.OnToolCallCompleted is not { } observer)
        {
            return;
        }

        try
        {
            observer(outcome);
        }
        catch (Exception ex)
        {
            ToolLoopLog.ObserverFailed(_logger, outcome.Name, outcome.Id, ex);
        }
    }

    /// <summary>Runs one call on the thread pool: invoke, record, answer (alone or with its batch), clean up.</summary>
    private async Task RunCallAsync(ToolCall call)
    {
        long startedTimestamp = Stopwatch.GetTimestamp();
        Activity? activity = _telemetry.CallStarting(call);
        ToolCallOutcome outcome = await _invoker.InvokeAsync(call, startedTimestamp, _scheduler.OnSlotFreed).ConfigureAwait(false);
        _telemetry.CallCompleted(outcome, activity);
        Observe(outcome);
        FunctionResponse? response = outcome.Response;
        call.Response = response;
        try
        {
            if (response is null)
            {
                if (call.Batch?.Complete() is { } batchResponses)
                {
                    await SendAsync(batchResponses).ConfigureAwait(false);
                }
            }
            else if (call.Batch is null)
            {
                if (call.IsNonBlocking && response.Scheduling is null && call.Info?.Scheduling is { } scheduling && scheduling != FunctionResponseScheduling.Unspecified)
                {
                    response.Scheduling = scheduling;
                }

                await SendAsync(new[] { response }).ConfigureAwait(false);
            }
            else if (call.Batch.Complete() is { } batchResponses)
            {
                await SendAsync(batchResponses).ConfigureAwait(false);
            }
        }
        finally
        {
            if (call.Registered && call.Id is not null)
            {
                _running.TryRemove(new KeyValuePair<string, ToolCall>(call.Id, call));
            }

            call.Release();
            _counters?.OnCallEnded(outcome.Status == ToolCallStatus.Cancelled);
            _scheduler.OnCallEnded();
        }
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
}
