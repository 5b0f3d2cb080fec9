using Live.Tools;

namespace Live.Reliability.Tests;

/// <summary>Generated tools for fault tests: a quick echo, a tool that hangs until cancelled, a tool slower than its timeout.</summary>
public partial class FaultTools
{
    /// <summary>Completed when <see cref="HangAsync"/> starts.</summary>
    public TaskCompletionSource HangStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when <see cref="HangAsync"/> saw its cancellation.</summary>
    public TaskCompletionSource HangCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Released by the test to let <see cref="HangAsync"/> finish.</summary>
    public TaskCompletionSource HangRelease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when <see cref="SlowAsync"/> saw its cancellation (its timeout).</summary>
    public TaskCompletionSource SlowCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Returns the text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The text.</returns>
    [LiveTool]
    public async Task<string> EchoAsync(string text, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return text;
    }

    /// <summary>Waits until released or cancelled.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>"released".</returns>
    [LiveTool]
    public async Task<string> HangAsync(CancellationToken cancellationToken)
    {
        HangStarted.TrySetResult();
        try
        {
            await HangRelease.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            HangCancelled.TrySetResult();
            throw;
        }

        return "released";
    }

    /// <summary>Takes far longer than its 200 ms timeout.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Never.</returns>
    [LiveTool(TimeoutMilliseconds = 200)]
    public async Task<string> SlowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            SlowCancelled.TrySetResult();
            throw;
        }

        return "late";
    }
}
