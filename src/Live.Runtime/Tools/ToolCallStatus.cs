namespace Live;

/// <summary>How one function call of the tool loop ended.</summary>
public enum ToolCallStatus
{
    /// <summary>The tool returned a result.</summary>
    Succeeded,

    /// <summary>The tool answered with an error on purpose: an error response of its own or a <see cref="Live.Tools.LiveToolException"/>.</summary>
    ToolError,

    /// <summary>The arguments the model sent did not fit the tool's parameters.</summary>
    ArgumentError,

    /// <summary>The model called a function the tool set does not implement.</summary>
    UnknownFunction,

    /// <summary>The tool threw an exception other than <see cref="Live.Tools.LiveToolException"/>: a bug or a fault to look at.</summary>
    Failed,

    /// <summary>The tool set returned no response (a bug in a hand-written <see cref="Live.Tools.ILiveToolSet"/>).</summary>
    NoResponse,

    /// <summary>The call ran longer than its timeout and was cancelled; the model got a timeout error.</summary>
    TimedOut,

    /// <summary>The model cancelled the call or the loop ended; no response is sent.</summary>
    Cancelled,

    /// <summary>The tool needs approval and the approval callback refused it (or there is none); the model got a <c>not_approved</c> error.</summary>
    NotApproved,
}
