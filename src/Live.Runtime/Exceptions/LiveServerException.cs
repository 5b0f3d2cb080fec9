namespace Live;

/// <summary>
/// The service failed or the connection broke: a close with 1011 (internal error, unavailable, deadline such as the
/// session time limit), 1001, 1006 (connection lost) or another non-client code, or a handshake refused with HTTP 5xx.
/// Retrying, ideally with session resumption, is reasonable.
/// </summary>
public class LiveServerException : LiveException
{
    /// <summary>Creates the exception.</summary>
    public LiveServerException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LiveServerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LiveServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a WebSocket close or a refused handshake.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="closeCode">The WebSocket close code.</param>
    /// <param name="closeReason">The close reason the service gave.</param>
    /// <param name="httpStatusCode">The HTTP status of a refused handshake.</param>
    /// <param name="innerException">The cause.</param>
    public LiveServerException(string message, int? closeCode, string? closeReason, int? httpStatusCode = null, Exception? innerException = null)
        : base(message, closeCode, closeReason, httpStatusCode, innerException)
    {
    }
}
