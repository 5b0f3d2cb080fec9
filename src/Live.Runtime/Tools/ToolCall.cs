using Live.Tools;

namespace Live;

/// <summary>
/// One function call in flight: its token source (linked to the loop, with the timeout), its cancellation by id and the
/// batch it answers with. A call that answers on its own is also the source of its <c>toolResponse</c>.
/// </summary>
internal sealed class ToolCall : IToolResponseSource
{
    private readonly CancellationTokenSource _cts;
    private readonly ToolLoopCounters? _counters;
    private TaskCompletionSource<FunctionResponse?>? _result;
    private int _cancelledById;
    private int _completed;

    public ToolCall(FunctionCall call, LiveToolInfo? info, TimeSpan? defaultTimeout, CancellationToken loopToken, ToolLoopCounters? counters, Behavior effectiveBehavior = Behavior.Unspecified)
    {
        Call = call;
        Info = info;
        EffectiveBehavior = effectiveBehavior == Behavior.Unspecified ? info?.Behavior ?? Behavior.Unspecified : effectiveBehavior;
        Name = call.Name ?? "";
        Id = call.Id;
        Timeout = info?.Timeout ?? defaultTimeout;
        _counters = counters;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(loopToken);
        counters?.OnTokenSourceCreated();
        if (Timeout is { } timeout)
        {
            _cts.CancelAfter(timeout);
            counters?.OnTimerStarted();
        }
    }

    public FunctionCall Call { get; }

    /// <summary>The tool's run-time options; null when the set does not implement the function.</summary>
    public LiveToolInfo? Info { get; }

    public string Name { get; }

    public string? Id { get; }

    public TimeSpan? Timeout { get; }

    /// <summary>Cancelled by id, by the timeout or by the end of the loop.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>
    /// How many messages the session had delivered when this call's response was handed to the connection (see
    /// <see cref="AsyncSession.DeliveredMessageCount"/>); -1 until then.
    /// </summary>
    public long SentAtIndex { get; set; } = -1;

    /// <summary>The latest interim response (<c>willContinue: true</c>) handed to a connection; null before any.</summary>
    public FunctionResponse? LastInterim { get; set; }

    /// <summary>
    /// How many messages the session had delivered when <see cref="LastInterim"/> was handed to the connection; -1 before.
    /// </summary>
    public long InterimSentAtIndex { get; set; } = -1;

    /// <summary>The session's index of the toolCall message (see <see cref="AsyncSession.DeliveredMessageCount"/>).</summary>
    public long MessageIndex { get; init; }

    /// <summary>The batch the call answers with; null when it answers on its own (or is the only call of its batch).</summary>
    public ToolCallBatch? Batch { get; set; }

    /// <summary>
    /// Whether the call was grouped with the other blocking calls of its message (see <see cref="ToolCallScheduler.Schedule"/>),
    /// also when it is the only one (then <see cref="Batch"/> stays null: it answers on its own all the same).
    /// </summary>
    public bool InBatch { get; set; }

    /// <summary>The next call registered under the same id (the tool loop's calls by id); null for the last.</summary>
    public ToolCall? NextWithSameId { get; set; }

    /// <summary>Whether the latest attempt to write this call's <c>toolResponse</c> frame included its response.</summary>
    public bool Answered { get; set; }

    /// <summary>The response, once the call has an outcome (null when it was cancelled); set by <see cref="Complete"/>.</summary>
    public FunctionResponse? Response { get; private set; }

    /// <summary>How the model runs the call: the declared behavior, or the model's default when none was declared.</summary>
    public Behavior EffectiveBehavior { get; }

    public bool IsNonBlocking => EffectiveBehavior == Behavior.NonBlocking;

    /// <summary>The running identical call whose result this call shares (<see cref="LiveToolDuplicateCalls.ShareInFlight"/>); null when it runs itself.</summary>
    public ToolCall? SharedWith { get; set; }

    /// <summary>The name and arguments, for finding identical calls in flight; null when the tool runs each call.</summary>
    public string? DuplicateKey { get; set; }

    /// <summary>
    /// Completes with the call's response (null when cancelled), for the calls that share it. Made on first use: most calls
    /// are never shared.
    /// </summary>
    public Task<FunctionResponse?> Result
    {
        get
        {
            TaskCompletionSource<FunctionResponse?>? result = Volatile.Read(ref _result);
            if (result is null)
            {
                var created = new TaskCompletionSource<FunctionResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
                result = Interlocked.CompareExchange(ref _result, created, null) ?? created;

                // Completed before the source existed: Complete did not see it.
                if (Volatile.Read(ref _completed) == 1)
                {
                    result.TrySetResult(Response);
                }
            }

            return result.Task;
        }
    }

    /// <summary>Whether the call is waiting for the approval callback (a timeout then reads as an approval timeout).</summary>
    public bool WaitingForApproval { get; set; }

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

    /// <summary>Records the call's outcome: its response (null when cancelled), also for the calls that share it.</summary>
    /// <param name="response">The response.</param>
    public void Complete(FunctionResponse? response)
    {
        Response = response;
        Interlocked.Exchange(ref _completed, 1);
        Volatile.Read(ref _result)?.TrySetResult(response);
    }

    /// <summary>This call's response, when it has one and was not cancelled by id (see <see cref="IToolResponseSource"/>).</summary>
    /// <param name="deliveredMessageCount">The session's count of delivered messages now.</param>
    /// <returns>The response, or null.</returns>
    public List<FunctionResponse>? Collect(long deliveredMessageCount)
    {
        Answered = false;
        if (Response is not { } response || IsCancelledById)
        {
            return null;
        }

        SentAtIndex = deliveredMessageCount;
        Answered = true;
        return [response];
    }

    /// <summary>Releases the token source (and its timer).</summary>
    public void Release()
    {
        _cts.Dispose();
        _counters?.OnTokenSourceDisposed(Timeout is not null);
    }
}
