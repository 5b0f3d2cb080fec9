namespace Live;

/// <summary>
/// Queues the calls of the tool loop and starts them in arrival order while fewer than the maximum run, never waiting on the
/// receive path; groups the blocking calls of one message into a <see cref="ToolCallBatch"/>; tracks the calls not yet
/// ended, so the loop can wait for them when it shuts down.
/// </summary>
internal sealed class ToolCallScheduler
{
    private readonly int _maxConcurrency;
    private readonly bool _respondImmediately;
    private readonly Func<ToolCall, Task> _run;
    private readonly ToolLoopCounters? _counters;
    private readonly object _lock = new();
    private readonly Queue<ToolCall> _queued = new();
    private readonly TaskCompletionSource<bool> _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // The one call the receive loop runs itself once it waits for the next message (see RunWhileWaiting).
    private ToolCall? _deferred;
    private int _runningCalls;
    private int _active;
    private int _shuttingDown;

    public ToolCallScheduler(int maxConcurrency, bool respondImmediately, Func<ToolCall, Task> run, ToolLoopCounters? counters)
    {
        _maxConcurrency = maxConcurrency;
        _respondImmediately = respondImmediately;
        _run = run;
        _counters = counters;
    }

    /// <summary>Calls scheduled and not yet ended (queued or running).</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Queues the calls of one message and starts as many as there are free slots.</summary>
    public void Schedule(IReadOnlyList<ToolCall> calls)
    {
        // Calls of blocking tools answer together unless told otherwise; non-blocking tools always answer on their own.
        // A batch of one answers on its own (the same frame), so it needs no batch object.
        ToolCallBatch? batch = null;
        bool batching = false;
        if (!_respondImmediately)
        {
            int blocking = 0;
            foreach (ToolCall call in calls)
            {
                if (!call.IsNonBlocking)
                {
                    blocking++;
                }
            }

            batching = blocking > 0;
            if (blocking > 1)
            {
                batch = new ToolCallBatch(blocking);
            }
        }

        foreach (ToolCall call in calls)
        {
            if (!call.IsNonBlocking && batching)
            {
                call.InBatch = true;
                if (batch is not null)
                {
                    call.Batch = batch;
                    batch.Add(call);
                }
            }

            Interlocked.Increment(ref _active);
            _counters?.OnCallStarted();
        }

        lock (_lock)
        {
            foreach (ToolCall call in calls)
            {
                _queued.Enqueue(call);
            }
        }

        StartQueuedCalls(fromReceiveLoop: true);
    }

    /// <summary>
    /// Takes the call left for the receive loop to run (called by the loop before it registers its wait for the next message,
    /// so a call scheduled after that cannot be missed).
    /// </summary>
    public ToolCall? TakeDeferred() => Interlocked.Exchange(ref _deferred, null);

    /// <summary>Runs a call the receive loop took with <see cref="TakeDeferred"/>, on the loop's thread, now that the loop waits.</summary>
    public void RunInline(ToolCall call) => _ = _run(call);

    /// <summary>Starts the call left for the receive loop on the thread pool (the loop does not wait now, or it ends).</summary>
    public void FlushDeferred()
    {
        if (TakeDeferred() is { } call)
        {
            RunOnThreadPool(call);
        }
    }

    /// <summary>A call's tool returned: its slot goes to the next queued call.</summary>
    public void OnSlotFreed()
    {
        lock (_lock)
        {
            _runningCalls--;
            if (_queued.Count == 0)
            {
                return;
            }
        }

        StartQueuedCalls(fromReceiveLoop: false);
    }

    /// <summary>A call ended (answered, or cancelled and cleaned up).</summary>
    public void OnCallEnded()
    {
        if (Interlocked.Decrement(ref _active) == 0 && Volatile.Read(ref _shuttingDown) == 1)
        {
            _drained.TrySetResult(true);
        }
    }

    /// <summary>Stops waiting for new calls; the returned task completes when every call has ended.</summary>
    public Task BeginShutdown()
    {
        Volatile.Write(ref _shuttingDown, 1);
        return _drained.Task;
    }

    /// <summary>Completes the shutdown task when no call is left (called after the calls were cancelled).</summary>
    public void CompleteIfDrained()
    {
        if (Volatile.Read(ref _active) == 0)
        {
            _drained.TrySetResult(true);
        }
    }

    /// <summary>
    /// Starts queued calls, in arrival order, while fewer than the maximum run; never waits. From the receive loop, the first
    /// call is left to the loop, which runs it on its own thread once it has registered its wait for the next message (so
    /// the next message is read by another thread however long the tool blocks; no thread is woken for the call); the
    /// others, and calls started from elsewhere, go to the thread pool.
    /// </summary>
    private void StartQueuedCalls(bool fromReceiveLoop)
    {
        while (true)
        {
            ToolCall next;
            lock (_lock)
            {
                if (_queued.Count == 0 || _runningCalls >= _maxConcurrency)
                {
                    return;
                }

                next = _queued.Dequeue();
                _runningCalls++;
            }

            // A synchronous tool never runs on the receive loop: the loop runs its deferred call only after it stopped
            // reading (see RunWhileWaiting); every other call runs on the thread pool.
            if (fromReceiveLoop && Interlocked.CompareExchange(ref _deferred, next, null) is null)
            {
                continue;
            }

            RunOnThreadPool(next);
        }
    }

    // Its own method, so that the closure is made only for a call that goes to the thread pool.
    private void RunOnThreadPool(ToolCall call) => _ = Task.Run(() => _run(call));
}
