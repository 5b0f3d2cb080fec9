namespace Live.Tools;

/// <summary>
/// What the tool loop does with a call that has the same function name and the same arguments as a call of the same
/// tool still running (a new id; the same id twice is always run once and answered once).
/// </summary>
public enum LiveToolDuplicateCalls
{
    /// <summary>Run it again: right for tools with effects (each call books, sends, writes).</summary>
    RunEach = 0,

    /// <summary>
    /// Do not run it: answer it, under its own id, with the running call's result when that arrives. Right for reads
    /// (search, lookup), where the model's repeated calls would only cost time.
    /// </summary>
    ShareInFlight,
}
