namespace Live.Testing;

/// <summary>The kind of a client message: its single top-level key.</summary>
public enum ClientMessageKind
{
    /// <summary>Not a client message: a server frame, a close frame, or a frame that is not a valid message.</summary>
    None,

    /// <summary><c>setup</c>: the first frame of a session.</summary>
    Setup,

    /// <summary><c>clientContent</c>: turns appended to the conversation.</summary>
    ClientContent,

    /// <summary><c>realtimeInput</c>: audio, video, text or activity signals.</summary>
    RealtimeInput,

    /// <summary><c>toolResponse</c>: function responses.</summary>
    ToolResponse,

    /// <summary><c>contextUpdate</c>: a new system instruction or tool set mid-session.</summary>
    ContextUpdate,
}
