namespace Live.Transport;

/// <summary>What a <see cref="TransportFrame"/> holds.</summary>
internal enum TransportFrameKind
{
    /// <summary>A whole text message (UTF-8).</summary>
    Text,

    /// <summary>A whole binary message (the service sends its JSON this way).</summary>
    Binary,

    /// <summary>The peer closed the connection.</summary>
    Close,
}
