using Live.Tools;

namespace Live;

/// <summary>
/// One function call in flight: its token source (linked to the loop, with the timeout), its cancellation by id and the
/// batch it answers with.
/// </summary>
internal sealed class ToolCall
{
    private readonly CancellationTokenSource _cts;
    private readonly ToolLoopCounters? _counters;
    private int _cancelledById;

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

    /// <summary>The batch the call answers with; null when it answers on its own.</summary>
    public ToolCallBatch? Batch { get; set; }

    /// <summary>The response, once the call has an outcome (null when it was cancelled).</summary>
    public FunctionResponse? Response { get; set; }

    /// <summary>How the model runs the call: the declared behavior, or the model's default when none was declared.</summary>
    public Behavior EffectiveBehavior { get; }

    public bool IsNonBlocking => EffectiveBehavior == Behavior.NonBlocking;

    /// <summary>The running identical call whose result this call shares (<see cref="LiveToolDuplicateCalls.ShareInFlight"/>); null when it runs itself.</summary>
    public ToolCall? SharedWith { get; set; }

    /// <summary>The name and arguments, for finding identical calls in flight; null when the tool runs each call.</summary>
    public string? DuplicateKey { get; set; }

    /// <summary>Completes with the call's response (null when cancelled), for the calls that share it.</summary>
    public TaskCompletionSource<FunctionResponse?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>Releases the token source (and its timer).</summary>
    public void Release()
    {
        _cts.Dispose();
        _counters?.OnTokenSourceDisposed(Timeout is not null);
    }
}
