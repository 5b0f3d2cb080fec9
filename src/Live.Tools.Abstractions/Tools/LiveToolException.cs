namespace Live.Tools;

/// <summary>
/// An exception meant for the model: when a tool throws it, its message is sent as the call's
/// <c>{"error": "…"}</c>. Messages of other exceptions are masked unless the tool loop is told otherwise.
/// </summary>
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
}
