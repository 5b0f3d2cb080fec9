namespace Live;

/// <summary>
/// The connection of a session with session resumption was lost (or the service announced its end with
/// <c>goAway</c>) and the session could not be resumed: the service had sent no resumable handle yet, refused the
/// handle, or every try to reconnect failed. The message says which; <see cref="Exception.InnerException"/> holds the
/// failure that ended the connection or the last try. The session is closed.
/// </summary>
public class LiveResumptionException : LiveServerException
{
    /// <summary>Creates the exception.</summary>
    public LiveResumptionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LiveResumptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LiveResumptionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a lost connection that could not be resumed.</summary>
    /// <param name="message">What went wrong and why resumption was not possible.</param>
    /// <param name="closeCode">The close code of the lost connection (1006 when it dropped without one).</param>
    /// <param name="closeReason">The close reason of the lost connection.</param>
    /// <param name="attempts">How many reconnects were tried (0 when none could be).</param>
    /// <param name="innerException">The cause.</param>
    public LiveResumptionException(string message, int? closeCode, string? closeReason, int attempts, Exception? innerException)
        : base(message, closeCode, closeReason, null, innerException)
    {
        Attempts = attempts;
    }

    /// <summary>How many reconnects were tried before giving up (0 when resumption was not possible at all).</summary>
    public int Attempts { get; }
}
