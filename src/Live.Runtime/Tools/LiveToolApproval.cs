using Live.Tools;

namespace Live;

/// <summary>The answer of an approval callback (<see cref="LiveToolOptions.ApproveAsync"/>): run the tool, or refuse with a reason.</summary>
public sealed class LiveToolApproval
{
    private static readonly LiveToolApproval s_approved = new(true, null);

    private LiveToolApproval(bool approved, string? reason)
    {
        IsApproved = approved;
        Reason = reason;
    }

    /// <summary>Whether the tool may run.</summary>
    public bool IsApproved { get; }

    /// <summary>Why it was refused (the model reads it and can relay it); null when approved or not said.</summary>
    public string? Reason { get; }

    /// <summary>Lets the tool run.</summary>
    /// <returns>The answer.</returns>
    public static LiveToolApproval Approve() => s_approved;

    /// <summary>Refuses the call; the model gets a <c>not_approved</c> error with the reason.</summary>
    /// <param name="reason">Why, for the model to relay; may be null.</param>
    /// <returns>The answer.</returns>
    public static LiveToolApproval Refuse(string? reason = null) => new(false, reason);

    /// <inheritdoc />
    public override string ToString() => IsApproved ? "approved" : "refused" + (Reason is null ? string.Empty : ": " + Reason);
}

/// <summary>A call waiting for approval: what the approval callback shows a user or checks against a policy.</summary>
public sealed class LiveToolApprovalRequest
{
    internal LiveToolApprovalRequest(FunctionCall call, LiveToolInfo tool)
    {
        Call = call;
        Tool = tool;
    }

    /// <summary>The call as the model sent it (name, id, arguments).</summary>
    public FunctionCall Call { get; }

    /// <summary>The tool it calls.</summary>
    public LiveToolInfo Tool { get; }

    /// <inheritdoc />
    public override string ToString() => $"Approval of {Call.Name} (id {Call.Id})";
}
