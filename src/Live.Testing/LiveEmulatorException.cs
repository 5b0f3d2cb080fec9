namespace Live.Testing;

/// <summary>
/// Reported by the emulator to the test: a wait that timed out, a connection that ended while a script waited, or
/// <see cref="LiveEmulator.Verify"/> finding failed or unfinished scripts.
/// </summary>
public sealed class LiveEmulatorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveEmulatorException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public LiveEmulatorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public LiveEmulatorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
