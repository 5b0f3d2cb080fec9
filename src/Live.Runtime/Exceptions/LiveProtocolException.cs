using System.Text;

namespace Live;

/// <summary>
/// A frame from the service could not be read. For a frame that is not valid JSON (or does not fit the message
/// types) only that frame is lost: the session stays open and the next <c>ReceiveAsync</c> goes on with the next
/// frame. A frame larger than <see cref="ClientOptions.MaxIncomingMessageBytes"/> or nested deeper than
/// <see cref="ClientOptions.MaxJsonDepth"/> closes the session (<see cref="IsFatal"/>).
/// </summary>
public class LiveProtocolException : LiveException
{
    private const int MaxExcerptChars = 200;

    /// <summary>Creates the exception.</summary>
    public LiveProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LiveProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LiveProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one frame.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="frameExcerpt">The start of the frame, as text.</param>
    /// <param name="isFatal">Whether the session was closed because of it.</param>
    /// <param name="closeCode">The close code the client sent, when it closed the session.</param>
    /// <param name="innerException">The cause.</param>
    public LiveProtocolException(string message, string? frameExcerpt, bool isFatal, int? closeCode = null, Exception? innerException = null)
        : base(message, closeCode, null, null, innerException)
    {
        FrameExcerpt = frameExcerpt;
        IsFatal = isFatal;
    }

    /// <summary>The start of the offending frame (at most 200 characters), as text; null when not kept.</summary>
    public string? FrameExcerpt { get; }

    /// <summary>Whether the session was closed because of this frame; when false, receiving can go on.</summary>
    public bool IsFatal { get; }

    /// <summary>Makes a short, printable excerpt of a frame.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <returns>At most 200 characters of it.</returns>
    internal static string Excerpt(ReadOnlySpan<byte> frame)
    {
        ReadOnlySpan<byte> head = frame.Length > MaxExcerptChars * 4 ? frame.Slice(0, MaxExcerptChars * 4) : frame;
        string text = Encoding.UTF8.GetString(head);
        var builder = new StringBuilder(Math.Min(text.Length, MaxExcerptChars) + 1);
        foreach (char c in text)
        {
            if (builder.Length >= MaxExcerptChars)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}
