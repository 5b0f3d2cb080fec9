namespace Live.Transport;

/// <summary>
/// The seam between a Live session and its connection: whole messages in, text frames out. One implementation
/// wraps a <see cref="System.Net.WebSockets.WebSocket"/>; tests use an in-memory one.
/// </summary>
/// <remarks>
/// <see cref="SendTextAsync"/> is called by one sender at a time, <see cref="ReceiveAsync"/> by one reader at a
/// time; the two may overlap. Cancelling <see cref="ReceiveAsync"/> loses no message.
/// </remarks>
internal interface ILiveTransport : IAsyncDisposable
{
    /// <summary>Whether the peer's close has been received (sends would be lost).</summary>
    bool IsCloseReceived { get; }

    /// <summary>Sends one text frame.</summary>
    /// <param name="utf8Json">The frame, UTF-8 JSON.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>When the frame was handed to the connection.</returns>
    /// <exception cref="InvalidOperationException">The connection is closed.</exception>
    ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken);

    /// <summary>Receives the next whole message, reassembled from its fragments, or the close.</summary>
    /// <param name="cancellationToken">Cancels the wait; no message is lost.</param>
    /// <returns>The frame; dispose it after reading the payload.</returns>
    /// <exception cref="LiveProtocolException">The message is larger than allowed (the connection is then closed).</exception>
    /// <exception cref="LiveServerException">The connection broke without a close frame (1006).</exception>
    ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends a close frame; does nothing when the connection is already closed.</summary>
    /// <param name="closeCode">The close code.</param>
    /// <param name="reason">The close reason.</param>
    /// <param name="cancellationToken">Cancels the close.</param>
    /// <returns>When the close frame was sent.</returns>
    ValueTask CloseAsync(int closeCode, string? reason, CancellationToken cancellationToken);
}
