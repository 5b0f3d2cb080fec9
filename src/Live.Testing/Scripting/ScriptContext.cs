namespace Live.Testing;

/// <summary>
/// What a custom script step (<see cref="LiveScript.Do"/>) and a computed reply can use: the connection, the last
/// frame matched, and sending, receiving and closing.
/// </summary>
public sealed class ScriptContext
{
    private readonly ConnectionSession _session;

    internal ScriptContext(ConnectionSession session, CancellationToken cancellationToken)
    {
        _session = session;
        CancellationToken = cancellationToken;
    }

    /// <summary>The connection the script runs on.</summary>
    public EmulatorConnection Connection => _session.Connection;

    /// <summary>The frame the last expectation matched (or the last frame received); the setup frame before any.</summary>
    public EmulatorFrame? LastFrame { get; internal set; }

    /// <summary>Cancelled when the connection ends or the emulator stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Sends a message to the client.</summary>
    /// <param name="message">The message.</param>
    /// <returns>A task completing once the frame is sent.</returns>
    public Task SendAsync(ServerMessage message) => _session.SendAsync(message, CancellationToken);

    /// <summary>Sends messages to the client, in order.</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>A task completing once the frames are sent.</returns>
    public async Task SendAsync(IEnumerable<ServerMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (ServerMessage message in messages)
        {
            await _session.SendAsync(message, CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Receives the next client frame not yet taken by the script (a close frame included), and makes it
    /// <see cref="LastFrame"/>.
    /// </summary>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>The frame, or null when the connection ended first.</returns>
    /// <exception cref="TimeoutException">No frame arrived in time.</exception>
    public async Task<EmulatorFrame?> ReceiveAsync(TimeSpan? timeout = null)
    {
        EmulatorFrame? frame = await _session.ReceiveAsync(timeout, CancellationToken).ConfigureAwait(false);
        if (frame is not null)
        {
            LastFrame = frame;
        }

        return frame;
    }

    /// <summary>Closes the connection with a status and reason, as the service closes on errors.</summary>
    /// <param name="status">The close status, for example 1007, 1008, 1011 or a 4xxx application code.</param>
    /// <param name="reason">The reason (cut to the 123 bytes a close frame allows).</param>
    /// <returns>A task completing when the close frame is sent.</returns>
    public Task CloseAsync(int status = 1000, string reason = "") => _session.CloseAsync(status, reason);

    /// <summary>
    /// Drops the TCP connection without a close frame, like a network failure, once the frames already sent have left
    /// (about 200 ms later). The client reads those frames, then sees the connection end (1006).
    /// </summary>
    /// <returns>A task completing when the connection is dropped.</returns>
    public Task AbortAsync() => _session.AbortAsync();
}
