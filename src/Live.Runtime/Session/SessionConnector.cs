using Live.Logging;
using Live.Serialization;
using Live.Transport;
using Microsoft.Extensions.Logging;

namespace Live.Session;

/// <summary>Opens one connection of a session: builds the endpoint (fresh credentials), connects the transport.</summary>
internal static class SessionConnector
{
    /// <summary>Opens a connection to the Live API for a session of <paramref name="model"/>.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="model">The normalised model name (for the log).</param>
    /// <param name="logger">The session's logger.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The open connection (setup not sent yet).</returns>
    public static async Task<LiveConnection> OpenAsync(ClientOptions options, string model, ILogger logger, CancellationToken cancellationToken)
    {
        LiveEndpoint endpoint = await EndpointBuilder.BuildAsync(options, cancellationToken).ConfigureAwait(false);
        SessionLog.Connecting(logger, endpoint.RedactedUrl, model);
        LiveTransportFactory factory = options.TransportFactory ?? WebSocketTransport.ConnectAsync;
        ILiveTransport transport = await factory(endpoint, options, cancellationToken).ConfigureAwait(false);
        return new LiveConnection(transport, LiveJsonContext.Create(options.MaxJsonDepth), options.MaxJsonDepth, logger, options.MaxParsedMessageBytes);
    }
}
