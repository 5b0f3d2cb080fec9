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
}
