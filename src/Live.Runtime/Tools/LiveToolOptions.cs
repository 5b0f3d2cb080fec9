namespace Live;

/// <summary>How <see cref="LiveSessionToolExtensions.RunWithToolsAsync"/> runs tools.</summary>
public sealed class LiveToolOptions
{
    /// <summary>
    /// How long a call may run before it is cancelled and answered with a timeout error, when the tool does not set its own
    /// (<c>[LiveTool(TimeoutMilliseconds = …)]</c>). Null (the default) means no limit.
    /// </summary>
    public TimeSpan? DefaultTimeout { get; set; }

    /// <summary>How many calls may run at once; further calls wait their turn without blocking the receive loop. Default 16.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// When false (the default), the responses to one <c>toolCall</c> message go back together in one <c>toolResponse</c>,
    /// sent when the last of its calls finishes. When true, each response is sent as soon as its call finishes.
    /// Non-blocking tools always answer on their own.
    /// </summary>
    public bool RespondImmediately { get; set; }

    /// <summary>
    /// Whether the message of an exception thrown by a tool is shown to the model. Default false: the model reads only that
    /// the tool failed, unless the exception is a <see cref="Live.Tools.LiveToolException"/>. The exception is logged either way.
    /// </summary>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>How long the loop waits, when it ends, for cancelled tools to finish. Default 5 seconds.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the loop checks, when it starts, that every function of the tool set was declared in the session's setup.
    /// Default true: a tool the model was never told about can never be called, which is a mistake worth an exception.
    /// </summary>
    public bool ValidateSetupDeclarations { get; set; } = true;

    /// <summary>
    /// When set, the loop ends normally after the first message for which this returns true: that message is still handed
    /// to <c>onMessage</c> (or yielded by <see cref="LiveSessionToolExtensions.ReceiveWithToolsAsync"/>) first. Calls still
    /// running are then cancelled as on any other end of the loop; the session stays open for the next turn.
    /// Null (the default): the loop runs until the session closes or the token is cancelled.
    /// </summary>
    /// <example>
    /// End the loop when the model finishes its answer:
    /// <code>new LiveToolOptions { StopWhen = message =&gt; message.ServerContent?.TurnComplete == true }</code>
    /// </example>
    public Func<LiveServerMessage, bool>? StopWhen { get; set; }

    /// <summary>
    /// Called once for every function call the loop handles, as soon as its outcome is known and before its response is sent:
    /// the output, an error (unknown function, bad arguments, a tool that threw, with the exception), a timeout, or a
    /// cancellation (by the model's <c>toolCallCancellation</c> or the end of the loop; no response is sent then), with the
    /// call's duration. Calls run concurrently, so this may be called from several threads at once; keep it short. An
    /// exception it throws is logged (Warning) and otherwise ignored: the call is still answered. Null (the default): no
    /// callback.
    /// </summary>
    /// <example>
    /// <code>
    /// new LiveToolOptions
    /// {
    ///     OnToolCallCompleted = outcome =&gt; Console.WriteLine(
    ///         $"{outcome.Name}: {outcome.Status} in {outcome.Duration.TotalMilliseconds:0} ms {outcome.Exception?.Message}"),
    /// }
    /// </code>
    /// </example>
    public Action<ToolCallOutcome>? OnToolCallCompleted { get; set; }

    /// <summary>
    /// Asked before every call of a tool that needs approval (<see cref="Live.Tools.LiveToolInfo.RequiresApproval"/>,
    /// <c>[LiveTool(RequiresApproval = true)]</c>): show the call to the user, or check it against a policy, and answer
    /// <see cref="LiveToolApproval.Approve"/> or <see cref="LiveToolApproval.Refuse"/>. The token is the call's: it is
    /// cancelled when the model cancels the call (no response is sent then), when the call's timeout passes (the model
    /// gets a <c>timeout</c> error) and when the loop ends. A refusal answers a <c>not_approved</c> error the model can
    /// relay. While it waits the call holds one of the <see cref="MaxConcurrency"/> slots. Null (the default): such
    /// tools are refused.
    /// </summary>
    public Func<LiveToolApprovalRequest, CancellationToken, ValueTask<LiveToolApproval>>? ApproveAsync { get; set; }

    /// <summary>Counts what the loop creates and releases (tests only).</summary>
    internal ToolLoopCounters? Counters { get; set; }

    internal void Validate()
    {
        if (MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "MaxConcurrency must be at least 1.");
        }

        if (DefaultTimeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultTimeout), t, "DefaultTimeout must be positive.");
        }

        if (ShutdownGracePeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ShutdownGracePeriod), ShutdownGracePeriod, "ShutdownGracePeriod must not be negative.");
        }
    }
}
