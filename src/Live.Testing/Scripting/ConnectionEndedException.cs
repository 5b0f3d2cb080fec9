namespace Live.Testing;

/// <summary>The connection ended while a script step waited for a client frame.</summary>
internal sealed class ConnectionEndedException : Exception
{
    public ConnectionEndedException(string message)
        : base(message)
    {
    }

    public ConnectionEndedException()
    {
    }

    public ConnectionEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
