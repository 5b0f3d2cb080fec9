using System.Runtime.CompilerServices;

namespace Live;

/// <summary>
/// Awaits the tool loop's next message and, when it has to wait for it, runs the call the loop left for itself
/// (<see cref="ToolCallScheduler.TakeDeferred"/>) on the loop's thread after the wait is registered: the next message is then
/// handled by the thread that reads it, whatever the tool does, and no other thread has to be woken to run the tool.
/// </summary>
/// <remarks>
/// When the next message is already there, the loop does not wait: the call goes to the thread pool first
/// (<see cref="ToolCallScheduler.FlushDeferred"/>), so a tool never waits behind other messages.
/// </remarks>
internal readonly struct RunWhileWaiting : ICriticalNotifyCompletion
{
    private readonly ConfiguredValueTaskAwaitable<bool>.ConfiguredValueTaskAwaiter _next;
    private readonly ToolCallScheduler _scheduler;

    public RunWhileWaiting(ValueTask<bool> next, ToolCallScheduler scheduler)
    {
        _next = next.ConfigureAwait(false).GetAwaiter();
        _scheduler = scheduler;
        if (_next.IsCompleted)
        {
            scheduler.FlushDeferred();
        }
    }

    public bool IsCompleted => _next.IsCompleted;

    public RunWhileWaiting GetAwaiter() => this;

    public bool GetResult() => _next.GetResult();

    public void OnCompleted(Action continuation) => Register(continuation, flow: true);

    public void UnsafeOnCompleted(Action continuation) => Register(continuation, flow: false);

    private void Register(Action continuation, bool flow)
    {
        // Taken before the wait is registered: a message that arrives at once is dispatched by another thread, and its calls
        // are not this one.
        ToolCall? call = _scheduler.TakeDeferred();
        if (flow)
        {
            _next.OnCompleted(continuation);
        }
        else
        {
            _next.UnsafeOnCompleted(continuation);
        }

        if (call is not null)
        {
            _scheduler.RunInline(call);
        }
    }
}
