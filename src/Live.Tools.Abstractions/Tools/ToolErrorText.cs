namespace Live.Tools;

/// <summary>
/// The one place that words the error responses the model reads when a call does not produce a result: used by
/// the generated dispatchers (through <see cref="LiveToolResponses"/>), by <see cref="LiveToolSet"/> and by the tool loop.
/// </summary>
internal static class ToolErrorText
{
    /// <summary>
    /// An exception a tool threw: the message of a <see cref="LiveToolException"/> as it is; otherwise only that the
    /// tool failed, or with <paramref name="includeDetails"/> the exception's message too.
    /// </summary>
    public static string Failed(string? name, Exception exception, bool includeDetails) =>
        exception is LiveToolException
            ? exception.Message
            : includeDetails ? $"The tool \"{name}\" failed: {exception.Message}" : $"The tool \"{name}\" failed.";

    /// <summary>A call cancelled because it ran longer than its timeout.</summary>
    public static string TimedOut(string? name, TimeSpan timeout) =>
        $"The tool \"{name}\" timed out after {FormatDuration(timeout)}.";

    /// <summary>A tool set that returned no response object.</summary>
    public static string NoResponse(string? name) => $"The tool \"{name}\" returned no response.";

    /// <summary>A result that could not be written as JSON.</summary>
    public static string Unwritable(string? name) => $"The tool \"{name}\" returned a result that cannot be written as JSON.";

    /// <summary>A function the set does not declare; lists the available names.</summary>
    public static string UnknownFunction(string? name, IEnumerable<string>? available)
    {
        string list = string.Join(", ", available ?? Array.Empty<string>());
        return $"Unknown function \"{name}\". Available functions: {(list.Length == 0 ? "(none)" : list)}.";
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s"
            : duration.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms";

    /// <summary>The informative form of an exception a tool threw: the <see cref="LiveToolError"/> a <see cref="LiveToolException"/> carries, else <c>tool_error</c>.</summary>
    public static LiveToolError FailedError(string? name, Exception exception, bool includeDetails) =>
        exception is LiveToolException { Error: { } error }
            ? error
            : new LiveToolError(LiveToolError.StatusFailed, Failed(name, exception, includeDetails), retryable: false) { ReasonCode = exception is LiveToolException ? "tool_reported" : "tool_failed" };

    /// <summary>The informative form of a timeout: <c>timeout</c>, not retryable (a second try would likely time out too).</summary>
    public static LiveToolError TimedOutError(string? name, TimeSpan timeout) =>
        new(LiveToolError.StatusTimeout, TimedOut(name, timeout), retryable: false) { ReasonCode = "timeout" };

    /// <summary>The informative form of an unknown function: retryable with one of the names in <c>valid_options</c>.</summary>
    public static LiveToolError UnknownFunctionError(string? name, IEnumerable<string>? available)
    {
        var names = new List<string>(available ?? Array.Empty<string>());
        return new LiveToolError(LiveToolError.StatusUnknownFunction, UnknownFunction(name, names), retryable: names.Count > 0)
        {
            ReasonCode = "unknown_function",
            ValidOptions = names,
            RetryHint = names.Count > 0 ? "Call one of the functions in valid_options." : null,
        };
    }

    /// <summary>
    /// The informative form of arguments that do not fit the declaration: <c>invalid_argument</c>, retryable (a call with
    /// corrected arguments can succeed), with the reason code, the valid options and a hint from the error.
    /// </summary>
    public static LiveToolError ArgumentErrorOf(LiveToolArgumentError? error) =>
        new(LiveToolError.StatusInvalidArgument, error?.ToString() ?? "invalid arguments", retryable: true)
        {
            ReasonCode = error?.ReasonCode ?? "invalid_argument",
            ValidOptions = error?.ValidOptions,
            RetryHint = error?.RetryHint ?? (error?.ValidOptions is not null ? "Call again with one of valid_options." : "Call again with arguments that match the declaration."),
        };

    /// <summary>The informative form of a refusal by the approval callback.</summary>
    public static LiveToolError NotApproved(string? name, string? reason) =>
        new(LiveToolError.StatusNotApproved,
            string.IsNullOrEmpty(reason) ? $"The user did not approve running \"{name}\"." : $"The user did not approve running \"{name}\": {reason}",
            retryable: false)
        { ReasonCode = "not_approved" };

    /// <summary>A tool that needs approval while the loop has no approval callback.</summary>
    public static LiveToolError ApprovalUnavailable(string? name) =>
        new(LiveToolError.StatusNotApproved, $"The tool \"{name}\" needs the user's approval, and none can be asked for in this session.", retryable: false)
        { ReasonCode = "approval_unavailable" };

    /// <summary>A wait for approval that outlasted the call's timeout.</summary>
    public static LiveToolError ApprovalTimedOut(string? name, TimeSpan timeout) =>
        new(LiveToolError.StatusTimeout, $"The user did not approve running \"{name}\" within {FormatDuration(timeout)}.", retryable: false)
        { ReasonCode = "approval_timeout" };
}
