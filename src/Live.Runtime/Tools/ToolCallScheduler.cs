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
        ToolCallBatch? batch = null;
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

            if (blocking > 0)
            {
                batch = new ToolCallBatch(blocking);
            }
        }

        foreach (ToolCall call in calls)
        {
            if (!call.IsNonBlocking && batch is not null)
            {
                call.Batch = batch;
                batch.Add(call);
            }

            Interlocked.Increment(ref _active);
            _counters?.OnCallStarted();
            lock (_lock)
            {
                _queued.Enqueue(call);
            }
        }

        StartQueuedCalls();
    }

    /// <summary>A call's tool returned: its slot goes to the next queued call.</summary>
    public void OnSlotFreed()
    {
        lock (_lock)
        {
            _runningCalls--;
        }

        StartQueuedCalls();
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

    /// <summary>Starts queued calls, in arrival order, while fewer than the maximum run; never waits.</summary>
    private void StartQueuedCalls()
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

            // The tool runs on the thread pool, so even a synchronous tool never runs on the receive loop.
            _ = Task.Run(() => _run(next));
        }
    }
}
