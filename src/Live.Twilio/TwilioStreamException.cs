namespace Live.Twilio;

/// <summary>The Twilio side of a call broke the Media Streams protocol in a way the bridge cannot go on from: no <c>start</c>, an audio format other than μ-law 8 kHz mono, an oversized message.</summary>
public sealed class TwilioStreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TwilioStreamException()
        : base("The Twilio media stream is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TwilioStreamException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TwilioStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
