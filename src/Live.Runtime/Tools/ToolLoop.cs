using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
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
    private const int RememberedCallIds = 1024;

    private readonly AsyncSession _session;
    private readonly ILiveToolSet _tools;
    private readonly LiveToolOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _loopCts;
    // Calls by id from their start until their response was handed to the session (for a batch: until the batch went out),
    // so that a cancellation by id reaches a call that finished and waits for its batch. Several calls may share an id:
    // the first one is the key's value, the others follow it through ToolCall.NextWithSameId.
    private readonly Dictionary<string, ToolCall> _running = new(StringComparer.Ordinal);

    // Guards the ids: _running, _seen and _seenOrder, _cancelledBeforeSeen and _cancelledBeforeSeenOrder.
    private readonly object _idsLock = new();

    // The calls of one message being started (StartCalls runs on the receive loop only, one message at a time).
    private readonly List<ToolCall> _starting = [];

    // Responses written since the latest resumable handle arrived: the ones a resumption may have to write again.
    private readonly List<ToolCall> _sinceHandle = [];
    private readonly Queue<string> _cancelledBeforeSeenOrder = new();
    private readonly HashSet<string> _cancelledBeforeSeen = new(StringComparer.Ordinal);
    private readonly ToolLoopCounters? _counters;
    private readonly ToolLoopTelemetry _telemetry;
    private readonly ToolCallInvoker _invoker;
    private readonly ToolCallScheduler _scheduler;
    private readonly LiveModelProfile? _profile;
    private readonly Queue<string> _seenOrder = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ToolCall> _inFlightByArguments = new(StringComparer.Ordinal);

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
        _profile = session.Profile;
        _invoker = new ToolCallInvoker(_tools, _options.IncludeExceptionDetails, _loopCts.Token, _options.ApproveAsync);
        _scheduler = new ToolCallScheduler(_options.MaxConcurrency, _options.RespondImmediately, RunCallAsync, _counters);
    }

    /// <summary>Starts the calls (see <see cref="RunWhileWaiting"/>).</summary>
    public ToolCallScheduler Scheduler => _scheduler;

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
    /// <remarks>
    /// Raised before any send can reach the new connection, so a response of a call after the handle that waits for the
    /// connection is withdrawn too (responses are chosen when the frame is written). Responses written to the old
    /// connection after the handle's message was read are not part of the handle's state: those of calls the resumed
    /// session knows are written again to the new connection. A response written before the handle's message was read is
    /// taken to be part of that state (the service sends handles for the state it has consumed; it does not acknowledge
    /// client messages on the Gemini API).
    /// </remarks>
    private void OnSessionResumed(long handleMessageIndex)
    {
        foreach (ToolCall call in RunningCalls())
        {
            if (call.MessageIndex > handleMessageIndex)
            {
                ToolLoopLog.CancellationRequested(_logger, call.Id ?? "");
                call.CancelById();
            }
        }

        List<ToolCall> replay = [];
        lock (_sinceHandle)
        {
            foreach (ToolCall call in _sinceHandle)
            {
                if (call.MessageIndex <= handleMessageIndex && call.SentAtIndex >= handleMessageIndex && !call.IsCancelledById)
                {
                    replay.Add(call);
                }
            }

            _sinceHandle.Clear();
        }

        if (replay.Count > 0)
        {
            ToolLoopLog.ResponsesReplayed(_logger, replay.Count);
            _ = SendAsync(new ToolCallBatch(replay));
        }

        // A call still running whose latest interim response went out after the handle: the resumed session has not seen
        // it, so it is written again (once; an older interim is superseded by it).
        foreach (ToolCall call in RunningCalls())
        {
            if (call.LastInterim is { } interim && call.Response is null && !call.IsCancelledById
                && call.MessageIndex <= handleMessageIndex && call.InterimSentAtIndex >= handleMessageIndex)
            {
                ToolLoopLog.ResponsesReplayed(_logger, 1);
                _ = SendInterimFrameAsync(call, interim);
            }
        }
    }

    private List<ToolCall> RunningCalls()
    {
        lock (_idsLock)
        {
            var calls = new List<ToolCall>(_running.Count);
            foreach (ToolCall first in _running.Values)
            {
                for (ToolCall? call = first; call is not null; call = call.NextWithSameId)
                {
                    calls.Add(call);
                }
            }

            return calls;
        }
    }

    /// <summary>
    /// Handles the tool parts of a message (starting calls, cancelling calls) without waiting for any tool.
    /// </summary>
    /// <returns>True when the message holds nothing but tool calls or cancellations.</returns>
    public bool Dispatch(LiveServerMessage message)
    {
        if (message.SessionResumptionUpdate is { Resumable: true, NewHandle.Length: > 0 })
        {
            // A new handle: what was written before this message was read is its state now.
            long handleIndex = _session.DeliveredMessageCount;
            lock (_sinceHandle)
            {
                _sinceHandle.RemoveAll(call => call.SentAtIndex < handleIndex);
            }
        }

        if (message.ToolCallCancellation?.Ids is { } ids)
        {
            foreach (string id in ids)
            {
                Cancel(id);
            }
        }

        // The same functionCall can come inside serverContent.modelTurn.parts as well as in toolCall (seen with newer
        // models): a call with an id runs once, whichever copy arrives first.
        if (message.ServerContent?.ModelTurn?.Parts is { Count: > 0 } parts)
        {
            List<FunctionCall>? inParts = null;
            foreach (Part part in parts)
            {
                if (part?.FunctionCall is { Id: not null } partCall)
                {
                    (inParts ??= new List<FunctionCall>()).Add(partCall);
                }
            }

            if (inParts is not null)
            {
                StartCalls(inParts);
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

        List<ToolCall>? sameId = null;
        lock (_idsLock)
        {
            if (_running.TryGetValue(id, out ToolCall? first))
            {
                sameId = [];
                for (ToolCall? call = first; call is not null; call = call.NextWithSameId)
                {
                    sameId.Add(call);
                }
            }
            else if (_cancelledBeforeSeen.Add(id))
            {
                _cancelledBeforeSeenOrder.Enqueue(id);
                if (_cancelledBeforeSeenOrder.Count > RememberedCancelledIds)
                {
                    _cancelledBeforeSeen.Remove(_cancelledBeforeSeenOrder.Dequeue());
                }
            }
        }

        if (sameId is not null)
        {
            // Every call with this id, also a duplicated one, and also one that finished and waits for its batch.
            ToolLoopLog.CancellationRequested(_logger, id);
            foreach (ToolCall call in sameId)
            {
                call.CancelById();
            }

            return;
        }

        ToolLoopLog.CancellationForUnknownCall(_logger, id);
    }

    /// <summary>
    /// Records the id of a call that arrived: <see cref="CallSighting.Duplicate"/> when it was seen before (a duplicate
    /// delivery), <see cref="CallSighting.CancelledBefore"/> when a cancellation named it before it arrived.
    /// </summary>
    private CallSighting Sight(string? id)
    {
        if (id is null)
        {
            return CallSighting.New;
        }

        lock (_idsLock)
        {
            if (!_seen.Add(id))
            {
                return CallSighting.Duplicate;
            }

            _seenOrder.Enqueue(id);
            if (_seenOrder.Count > RememberedCallIds)
            {
                _seen.Remove(_seenOrder.Dequeue());
            }

            return _cancelledBeforeSeen.Contains(id) ? CallSighting.CancelledBefore : CallSighting.New;
        }
    }

    /// <summary>Registers a started call under its id, so that a cancellation by id reaches it.</summary>
    private void Register(ToolCall call)
    {
        if (call.Id is not { } id)
        {
            return;
        }

        lock (_idsLock)
        {
            if (_running.TryGetValue(id, out ToolCall? first))
            {
                // A repeated id was dropped by Sight (runs once, answered once) unless it was forgotten since; a
                // cancellation of the id cancels every call registered here.
                ToolCall last = first;
                while (last.NextWithSameId is { } next)
                {
                    last = next;
                }

                last.NextWithSameId = call;
            }
            else
            {
                _running[id] = call;
            }
        }
    }

    private void StartCalls(IList<FunctionCall> calls)
    {
        List<ToolCall> started = _starting;
        foreach (FunctionCall call in calls)
        {
            if (call is not null && Admit(call) is { } toolCall)
            {
                started.Add(toolCall);
            }
        }

        if (started.Count > 0)
        {
            try
            {
                _scheduler.Schedule(started);
            }
            finally
            {
                started.Clear();
            }
        }
    }

    /// <summary>
    /// The call to start for <paramref name="call"/>, registered under its id; null when it is not run (a second delivery,
    /// cancelled before it arrived, or without the id the Gemini API needs).
    /// </summary>
    private ToolCall? Admit(FunctionCall call)
    {
        CallSighting sighting = Sight(call.Id);
        if (sighting != CallSighting.New || (string.IsNullOrEmpty(call.Id) && !_session.IsVertexAI))
        {
            Refuse(call, sighting);
            return null;
        }

        _tools.TryGetTool(call.Name ?? "", out LiveToolInfo? info);
        Behavior effective = info is null ? Behavior.Unspecified : _profile?.EffectiveBehavior(info.Declaration.Behavior) ?? info.Behavior;
        var toolCall = new ToolCall(call, info, _options.DefaultTimeout, _loopCts.Token, _counters, effective) { MessageIndex = _session.DeliveredMessageCount };
        Register(toolCall);
        if (info?.DuplicateCalls == LiveToolDuplicateCalls.ShareInFlight)
        {
            ShareInFlight(toolCall);
        }

        return toolCall;
    }

    // The rare paths of Admit live in their own methods (here and below), so the hot ones stay small for the JIT.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refuse(FunctionCall call, CallSighting sighting)
    {
        switch (sighting)
        {
            case CallSighting.Duplicate:
                ToolLoopLog.DuplicateCallIgnored(_logger, call.Name ?? "", call.Id ?? "");
                break;
            case CallSighting.CancelledBefore:
                ToolLoopLog.CallCancelled(_logger, call.Name ?? "", call.Id, 0);
                Observe(new ToolCallOutcome { Call = call, Name = call.Name ?? "", Status = ToolCallStatus.Cancelled, Duration = TimeSpan.Zero });
                break;
            default:
                // Its answer could not name it, and a response without an id is refused on the Gemini API: reported here,
                // and the other calls of the message are answered as usual.
                ToolLoopLog.CallWithoutId(_logger, call.Name ?? "");
                break;
        }
    }

    /// <summary>Lets a call share the result of an identical call in flight (<see cref="LiveToolDuplicateCalls.ShareInFlight"/>), or leads.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ShareInFlight(ToolCall toolCall)
    {
        FunctionCall call = toolCall.Call;
        string key = (call.Name ?? "") + "\n" + (call.Args?.GetRawText() ?? "{}");
        lock (_inFlightByArguments)
        {
            if (_inFlightByArguments.TryGetValue(key, out ToolCall? leader))
            {
                toolCall.SharedWith = leader;
            }
            else
            {
                toolCall.DuplicateKey = key;
                _inFlightByArguments[key] = toolCall;
            }
        }
    }

    /// <summary>A leading call ended: later identical calls run on their own.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EndShareInFlight(ToolCall call, string key)
    {
        lock (_inFlightByArguments)
        {
            if (_inFlightByArguments.TryGetValue(key, out ToolCall? current) && ReferenceEquals(current, call))
            {
                _inFlightByArguments.Remove(key);
            }
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

    /// <summary>
    /// Runs one call: invoke, record, answer (alone or with its batch), clean up. Completes synchronously when the tool and
    /// the send do.
    /// </summary>
    private async Task RunCallAsync(ToolCall call)
    {
        long startedTimestamp = Stopwatch.GetTimestamp();
        Activity? activity = _telemetry.CallStarting(call);
        var scope = new LiveToolCallScope(call.Call, CanSendInterim(call) ? (interim, token) => SendInterimAsync(call, interim) : null);
        LiveToolCallScope.Current = scope;
        ValueTask<ToolCallOutcome> invoking;
        try
        {
            invoking = _invoker.InvokeAsync(call, startedTimestamp, _scheduler.OnSlotFreed);
        }
        finally
        {
            // The tool's own continuations keep the scope: they captured it while it was current.
            LiveToolCallScope.Current = null;
        }

        ToolCallOutcome outcome = await invoking.ConfigureAwait(false);
        _telemetry.CallCompleted(outcome, activity);
        Observe(outcome);
        FunctionResponse? response = outcome.Response;
        if (response is not null)
        {
            FinishResponse(call, response, scope);
        }

        call.Complete(response);
        if (call.DuplicateKey is { } key)
        {
            EndShareInFlight(call, key);
        }

        try
        {
            if (call.Batch is not { } batch)
            {
                if (response is not null)
                {
                    await SendAsync(call).ConfigureAwait(false);
                }

                Unregister(call);
            }
            else if (batch.Complete())
            {
                // The calls of a batch stay cancellable by id until the batch goes out.
                await SendAsync(batch).ConfigureAwait(false);
                foreach (ToolCall member in batch.Calls)
                {
                    Unregister(member);
                }
            }
        }
        catch (Exception ex)
        {
            // Never an unobserved exception, whatever the input.
            ToolLoopLog.ResponseNotSent(_logger, ex);
        }
        finally
        {
            call.Release();
            _counters?.OnCallEnded(outcome.Status == ToolCallStatus.Cancelled);
            _scheduler.OnCallEnded();
        }
    }

    /// <summary>
    /// Interim responses (<c>willContinue: true</c>) reach the model only for a non-blocking call, on a model and backend
    /// that honour <c>willContinue</c>: not on Vertex AI (the SDK reference says it is not supported there) and not where the
    /// profile says no. Elsewhere the tool's progress is dropped and only its final result is sent.
    /// </summary>
    private bool CanSendInterim(ToolCall call) =>
        call.IsNonBlocking
        && (_profile is { } profile ? profile.WillContinue != LiveFeatureSupport.NotSupported : !_session.IsVertexAI);

    private async ValueTask<bool> SendInterimAsync(ToolCall call, FunctionResponse interim)
    {
        if (call.IsCancelledById || call.Token.IsCancellationRequested)
        {
            return false;
        }

        ApplyScheduling(call, interim);
        return await SendInterimFrameAsync(call, interim).ConfigureAwait(false);
    }

    /// <summary>
    /// Readies a final response for the wire: <c>willContinue: false</c> after interim responses, the parts the tool
    /// attached, the tool's scheduling, and the fields the model's profile does not take left out (parts replaced by a note).
    /// </summary>
    private void FinishResponse(ToolCall call, FunctionResponse response, LiveToolCallScope scope)
    {
        List<FunctionResponsePart>? parts = scope.TakeParts();
        if (parts is null && !scope.InterimSent && response.WillContinue is null && response.Parts is null)
        {
            // The usual response: nothing attached, no interim responses.
            if (!call.InBatch)
            {
                ApplyScheduling(call, response);
            }

            return;
        }

        FinishAttachedResponse(call, response, scope, parts);
    }

    /// <summary><see cref="FinishResponse"/> for a response with parts, <c>willContinue</c>, or after interim responses.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FinishAttachedResponse(ToolCall call, FunctionResponse response, LiveToolCallScope scope, List<FunctionResponsePart>? parts)
    {
        if (parts is not null)
        {
            response.Parts ??= new List<FunctionResponsePart>();
            foreach (FunctionResponsePart part in parts)
            {
                response.Parts.Add(part);
            }
        }

        if (scope.InterimSent)
        {
            response.WillContinue = false;
        }
        else if (response.WillContinue is not null && (!call.IsNonBlocking || _profile?.WillContinue == LiveFeatureSupport.NotSupported || (_profile is null && _session.IsVertexAI)))
        {
            response.WillContinue = null;
        }

        if (!call.InBatch)
        {
            ApplyScheduling(call, response);
        }

        if (response.Parts is { Count: > 0 } attached && _profile?.FunctionResponseParts == LiveFeatureSupport.NotSupported)
        {
            var types = new List<string>();
            foreach (FunctionResponsePart part in attached)
            {
                types.Add(part?.MimeType ?? "unknown");
            }

            response.Parts = null;
            JsonObject body = response.Response ?? new JsonObject();
            body["parts_omitted"] = $"{types.Count} attachment(s) ({string.Join(", ", types)}) were left out: {_profile.DisplayName} does not accept media in function responses.";
            response.Response = body;
            ToolLoopLog.PartsOmitted(_logger, call.Name, call.Id ?? "", types.Count, _profile.DisplayName);
        }
    }

    private void ApplyScheduling(ToolCall call, FunctionResponse response)
    {
        if (_profile?.Scheduling == LiveFeatureSupport.NotSupported || !call.IsNonBlocking)
        {
            response.Scheduling = null;
            return;
        }

        if (response.Scheduling is null && call.Info?.Scheduling is { } scheduling && scheduling != FunctionResponseScheduling.Unspecified)
        {
            response.Scheduling = scheduling;
        }
    }

    /// <summary>
    /// Sends an interim response the way final ones go: chosen when the frame is written, so one held while the session
    /// resumes is withdrawn when the resumed session does not know its call; the latest one written after the handle is
    /// remembered, so a resumption writes it again (<see cref="OnSessionResumed"/>).
    /// </summary>
    private async Task<bool> SendInterimFrameAsync(ToolCall call, FunctionResponse response)
    {
        if (_loopCts.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            var interim = new InterimResponse(call, response);
            await _session.SendToolResponsesWhenReadyAsync(interim, _loopCts.Token).ConfigureAwait(false);
            if (!interim.Answered)
            {
                return false;
            }

            _counters?.OnResponsesSent(1);
            ToolLoopLog.ResponseSent(_logger, 1);
            return true;
        }
        catch (Exception ex)
        {
            ToolLoopLog.ResponseNotSent(_logger, ex);
            return false;
        }
    }

    private void Unregister(ToolCall call)
    {
        if (call.Id is not { } id)
        {
            return;
        }

        lock (_idsLock)
        {
            if (!_running.TryGetValue(id, out ToolCall? first))
            {
                return;
            }

            if (ReferenceEquals(first, call))
            {
                if (call.NextWithSameId is { } next)
                {
                    _running[id] = next;
                }
                else
                {
                    _running.Remove(id);
                }

                call.NextWithSameId = null;
                return;
            }

            for (ToolCall previous = first; previous.NextWithSameId is { } current; previous = current)
            {
                if (ReferenceEquals(current, call))
                {
                    previous.NextWithSameId = current.NextWithSameId;
                    call.NextWithSameId = null;
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Answers the calls that have a response and were not cancelled by id, choosing them at the moment the frame is
    /// written (after a resumption, once the calls the resumed session does not know were cancelled). Never throws; the
    /// task is already complete when the frame was written at once.
    /// </summary>
    private Task SendAsync(ToolCall call) => SendAsync(call, call, null);

    /// <inheritdoc cref="SendAsync(ToolCall)"/>
    private Task SendAsync(ToolCallBatch batch) => SendAsync(batch, null, batch);

    private Task SendAsync(IToolResponseSource source, ToolCall? single, ToolCallBatch? batch)
    {
        if (_loopCts.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        Task sending;
        try
        {
            sending = _session.SendToolResponsesWhenReadyAsync(source, _loopCts.Token);
        }
        catch (Exception ex)
        {
            ToolLoopLog.ResponseNotSent(_logger, ex);
            return Task.CompletedTask;
        }

        if (sending.IsCompletedSuccessfully)
        {
            OnSent(single, batch);
            return Task.CompletedTask;
        }

        return AwaitSentAsync(sending, single, batch);
    }

    private async Task AwaitSentAsync(Task sending, ToolCall? single, ToolCallBatch? batch)
    {
        try
        {
            await sending.ConfigureAwait(false);
            OnSent(single, batch);
        }
        catch (Exception ex)
        {
            ToolLoopLog.ResponseNotSent(_logger, ex);
        }
    }

    /// <summary>Counts and logs the responses the frame carried, and remembers them for a resumption.</summary>
    private void OnSent(ToolCall? single, ToolCallBatch? batch)
    {
        int sent = 0;
        if (single is not null)
        {
            sent = single.Answered ? 1 : 0;
        }
        else if (batch is not null)
        {
            foreach (ToolCall call in batch.Calls)
            {
                if (call.Answered)
                {
                    sent++;
                }
            }
        }

        if (sent == 0)
        {
            return;
        }

        _counters?.OnResponsesSent(sent);
        ToolLoopLog.ResponseSent(_logger, sent);
        if (_session.ResumptionEnabled)
        {
            lock (_sinceHandle)
            {
                if (single is not null)
                {
                    _sinceHandle.Add(single);
                }
                else
                {
                    foreach (ToolCall call in batch!.Calls)
                    {
                        if (call.Answered)
                        {
                            _sinceHandle.Add(call);
                        }
                    }
                }
            }
        }
    }

    /// <summary>What <see cref="Sight"/> learnt about a call's id.</summary>
    private enum CallSighting
    {
        New,
        Duplicate,
        CancelledBefore,
    }

    /// <summary>
    /// An interim response, sent unless its call was cancelled by id or has its final response by the time the frame is
    /// written; remembered as the call's latest interim when it goes out.
    /// </summary>
    private sealed class InterimResponse(ToolCall call, FunctionResponse response) : IToolResponseSource
    {
        /// <summary>Whether the latest attempt to write the frame included the response.</summary>
        public bool Answered { get; private set; }

        public List<FunctionResponse>? Collect(long deliveredMessageCount)
        {
            Answered = false;
            if (call.IsCancelledById || call.Response is not null)
            {
                return null;
            }

            call.LastInterim = response;
            call.InterimSentAtIndex = deliveredMessageCount;
            Answered = true;
            return [response];
        }
    }
}
