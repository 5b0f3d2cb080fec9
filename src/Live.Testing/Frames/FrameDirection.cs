namespace Live.Testing;

/// <summary>Which way a recorded frame travelled.</summary>
public enum FrameDirection
{
    /// <summary>Sent by the client, received by the emulator.</summary>
    ClientToServer,

    /// <summary>Sent by the emulator to the client.</summary>
    ServerToClient,
}
