namespace Live.Testing;

/// <summary>How far the script of a connection got.</summary>
public enum ScriptStatus
{
    /// <summary>The script has not started: the connection has not passed setup (or was rejected before).</summary>
    NotStarted,

    /// <summary>The script is running.</summary>
    Running,

    /// <summary>Every step ran.</summary>
    Completed,

    /// <summary>A step failed: an expectation was not met, timed out, or a reply callback threw. See <see cref="EmulatorConnection.ScriptError"/>.</summary>
    Failed,

    /// <summary>The connection ended (closed, aborted or rejected) before the last step. See <see cref="EmulatorConnection.ScriptError"/>.</summary>
    Interrupted,
}
