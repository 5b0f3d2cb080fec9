namespace Live;

/// <summary>
/// The service rejected the request: a close with 1007 (invalid argument), 1008 (policy: authentication,
/// permission, unknown model), 1002/1003/1009 or an application code 4000–4999, or a handshake refused with HTTP 4xx.
/// Retrying unchanged will fail again.
/// </summary>
public class LiveClientException : LiveException
{
    /// <summary>Creates the exception.</summary>
    public LiveClientException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LiveClientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LiveClientException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a WebSocket close or a refused handshake.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="closeCode">The WebSocket close code.</param>
    /// <param name="closeReason">The close reason the service gave.</param>
    /// <param name="httpStatusCode">The HTTP status of a refused handshake.</param>
    /// <param name="innerException">The cause.</param>
    public LiveClientException(string message, int? closeCode, string? closeReason, int? httpStatusCode = null, Exception? innerException = null)
        : base(message, closeCode, closeReason, httpStatusCode, innerException)
    {
    }
}
