using Live.Tools;

namespace Live;

/// <summary>
/// The outcome of one function call of the tool loop: what was called, how it ended, what the model gets back and how long
/// it took. Made once per call by the loop, read by its telemetry, and handed to
/// <see cref="LiveToolOptions.OnToolCallCompleted"/> so a UI or a transcript can show every result.
/// </summary>
public sealed class ToolCallOutcome
{
    /// <summary>The call from the model.</summary>
    public required FunctionCall Call { get; init; }

    /// <summary>The function's name (empty when the model sent none).</summary>
    public required string Name { get; init; }

    /// <summary>How the call ended.</summary>
    public required ToolCallStatus Status { get; init; }

    /// <summary>The response sent to the model; null when <see cref="Status"/> is <see cref="ToolCallStatus.Cancelled"/>.</summary>
    public FunctionResponse? Response { get; init; }

    /// <summary>The exception the tool threw, when it threw (also for a <see cref="LiveToolException"/>).</summary>
    public Exception? Exception { get; init; }

    /// <summary>The timeout that applied to the call, if any.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>From the start of the call (including a wait for a free slot) to its outcome.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The call's id, when the model sent one.</summary>
    public string? Id => Call.Id;

    /// <summary>Whether the model is answered with an error.</summary>
    public bool IsError => Status is not (ToolCallStatus.Succeeded or ToolCallStatus.Cancelled);

    /// <summary>
    /// The <c>error.type</c> of the OpenTelemetry conventions: the exception's type name when there is one, else
    /// <c>timeout</c>, <c>cancelled</c>, <c>null_response</c> or <c>tool_error</c>; null on success.
    /// </summary>
    public string? ErrorType => Status switch
    {
        ToolCallStatus.Succeeded => null,
        ToolCallStatus.Cancelled => "cancelled",
        ToolCallStatus.TimedOut => "timeout",
        ToolCallStatus.NoResponse => "null_response",
        ToolCallStatus.NotApproved => "not_approved",
        _ => Exception?.GetType().FullName ?? "tool_error",
    };
}
