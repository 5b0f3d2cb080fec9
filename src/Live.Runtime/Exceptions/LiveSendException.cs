namespace Live;

/// <summary>
/// A send did not complete because the connection was lost while the frame was being written (close code 1006): the
/// frame may or may not have reached the service. Thrown by the <c>Send…Async</c> methods of a session without
/// automatic resumption; with automatic resumption the frame is written again on the resumed connection instead.
/// </summary>
public class LiveSendException : LiveServerException
{
    /// <summary>Creates the exception.</summary>
    public LiveSendException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LiveSendException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LiveSendException(string message, Exception? innerException)
        : base(message, 1006, null, null, innerException)
    {
    }
}
