namespace Live.Tools;

/// <summary>
/// An exception meant for the model: when a tool throws it, its message is sent as the call's
/// <c>{"error": "…"}</c>. Messages of other exceptions are masked unless the tool loop is told otherwise.
/// </summary>
/// <remarks>
/// Give it a <see cref="LiveToolError"/> to answer in the informative shape (<c>status</c>, <c>retryable</c>,
/// <c>reason_code</c>, <c>valid_options</c>, <c>retry_hint</c>): <c>throw new LiveToolException(LiveToolError.NoResults("No flights on that day."))</c>
/// tells the model that nothing was found and that calling again will not help.
/// </remarks>
public class LiveToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveToolException()
    {
    }

    /// <summary>Creates the exception with a message for the model.</summary>
    /// <param name="message">The message the model reads.</param>
    public LiveToolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the model and an inner exception.</summary>
    /// <param name="message">The message the model reads.</param>
    /// <param name="innerException">The cause; not sent to the model.</param>
    public LiveToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from an informative result; the response carries all of its fields.</summary>
    /// <param name="error">The result the model reads.</param>
    public LiveToolException(LiveToolError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message)
    {
        Error = error;
    }

    /// <summary>The informative result this exception carries, or null for a plain message.</summary>
    public LiveToolError? Error { get; }
}
