namespace Live.Audio;

/// <summary>A WAV file that cannot be read: not RIFF/WAVE, a missing or inconsistent <c>fmt </c> chunk, an encoding other than PCM16, or truncated data.</summary>
public sealed class WavFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public WavFormatException()
        : base("The WAV data is not valid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public WavFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
