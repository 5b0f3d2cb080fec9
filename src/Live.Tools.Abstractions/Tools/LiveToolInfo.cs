namespace Live.Tools;

/// <summary>What a tool loop needs to know about one tool besides its declaration.</summary>
public sealed class LiveToolInfo
{
    /// <summary>Creates the description of a tool.</summary>
    /// <param name="declaration">The tool's declaration.</param>
    /// <param name="timeout">How long a call may run before it is cancelled and answered with a timeout error; null for the loop's default.</param>
    /// <param name="scheduling">The scheduling of a non-blocking tool's responses; null when not set.</param>
    public LiveToolInfo(FunctionDeclaration declaration, TimeSpan? timeout = null, FunctionResponseScheduling? scheduling = null)
    {
        Declaration = declaration ?? throw new ArgumentNullException(nameof(declaration));
        Name = declaration.Name ?? throw new ArgumentException("The declaration has no name.", nameof(declaration));
        Timeout = timeout;
        Scheduling = scheduling;
    }

    /// <summary>The function name.</summary>
    public string Name { get; }

    /// <summary>The tool's declaration.</summary>
    public FunctionDeclaration Declaration { get; }

    /// <summary>Whether the conversation waits for the tool.</summary>
    public Behavior Behavior => Declaration.Behavior ?? Behavior.Unspecified;

    /// <summary>How long a call may run; null for the loop's default.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The scheduling of a non-blocking tool's responses.</summary>
    public FunctionResponseScheduling? Scheduling { get; }

    /// <summary>
    /// Whether a call waits for the approval callback (<c>LiveToolOptions.ApproveAsync</c>) before the tool runs; a
    /// refusal answers the model with a <c>not_approved</c> error. Set by <c>[LiveTool(RequiresApproval = true)]</c>.
    /// </summary>
    public bool RequiresApproval { get; init; }

    /// <summary>
    /// What happens when the model calls this tool again with the same arguments while an identical call still runs:
    /// run it again (the default) or answer it with the running call's result.
    /// </summary>
    public LiveToolDuplicateCalls DuplicateCalls { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
