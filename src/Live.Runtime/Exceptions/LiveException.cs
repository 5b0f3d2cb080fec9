namespace Live;

/// <summary>
/// A failure of a Live session reported by the service or the connection: a WebSocket close with an error code,
/// a refused handshake, a malformed frame. <see cref="LiveClientException"/> means the request was wrong (do not retry
/// it unchanged); <see cref="LiveServerException"/> means the service failed (retrying, ideally with session
/// resumption, is reasonable); <see cref="LiveProtocolException"/> means a frame could not be read.
/// </summary>
public class LiveException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LiveException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a WebSocket close or a refused handshake.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="closeCode">The WebSocket close code, when the connection was closed.</param>
    /// <param name="closeReason">The close reason the service gave.</param>
    /// <param name="httpStatusCode">The HTTP status of a refused handshake.</param>
    /// <param name="innerException">The cause.</param>
    public LiveException(string message, int? closeCode, string? closeReason, int? httpStatusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        CloseCode = closeCode;
        CloseReason = closeReason;
        HttpStatusCode = httpStatusCode;
    }

    /// <summary>The WebSocket close code (for example 1007, 1008, 1011, 4001), when the connection was closed.</summary>
    public int? CloseCode { get; }

    /// <summary>The close reason the service gave (typically the google.rpc status message).</summary>
    public string? CloseReason { get; }

    /// <summary>The HTTP status with which the WebSocket handshake was refused (for example 403), when it was.</summary>
    public int? HttpStatusCode { get; }

    /// <summary>Creates the exception that a WebSocket close with <paramref name="closeCode"/> stands for.</summary>
    /// <param name="closeCode">The close code.</param>
    /// <param name="closeReason">The close reason.</param>
    /// <param name="beforeSetupComplete">Whether the session was still waiting for <c>setupComplete</c>.</param>
    /// <returns>A <see cref="LiveClientException"/> for codes that blame the request, else a <see cref="LiveServerException"/>.</returns>
    internal static LiveException FromClose(int closeCode, string? closeReason, bool beforeSetupComplete)
    {
        string reason = string.IsNullOrEmpty(closeReason) ? "(no reason given)" : closeReason!;
        string message = beforeSetupComplete
            ? $"Live connection closed before setup completed (code {closeCode}): {reason}"
            : $"Live connection closed (code {closeCode}): {reason}";
        return IsClientErrorCode(closeCode)
            ? new LiveClientException(message, closeCode, closeReason)
            : new LiveServerException(message, closeCode, closeReason);
    }

    /// <summary>Whether a close code blames the client's request: 1002, 1003, 1007, 1008, 1009 and 4000–4999.</summary>
    /// <param name="closeCode">The close code.</param>
    /// <returns>True for a client error.</returns>
    internal static bool IsClientErrorCode(int closeCode) =>
        closeCode is 1002 or 1003 or 1007 or 1008 or 1009 or (>= 4000 and <= 4999);
}
