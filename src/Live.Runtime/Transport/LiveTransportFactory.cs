using Live.Session;

namespace Live.Transport;

/// <summary>Opens a transport to an endpoint (the handshake included).</summary>
/// <param name="endpoint">Where to connect, with the handshake headers.</param>
/// <param name="options">The client's options (limits, WebSocket hooks).</param>
/// <param name="cancellationToken">Cancels the connect.</param>
/// <returns>The open transport.</returns>
internal delegate ValueTask<ILiveTransport> LiveTransportFactory(LiveEndpoint endpoint, ClientOptions options, CancellationToken cancellationToken);
