namespace Live.Testing;

/// <summary>A script step found the client doing something else than expected.</summary>
internal sealed class ScriptFailedException : Exception
{
    public ScriptFailedException(string message)
        : base(message)
    {
    }

    public ScriptFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScriptFailedException()
    {
    }
}
