using Live.Logging;
using Live.Session;
using Live.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Live;

/// <summary>The Live API of a <see cref="Client"/>: opens sessions (<see cref="Client.Live"/>).</summary>
public sealed class AsyncLive
{
    /// <summary>
    /// The category of a session's log, the one <c>CreateLogger&lt;AsyncSession&gt;</c> names (given as a string, so
    /// that no type name is worked out at run time).
    /// </summary>
    private const string SessionLogCategory = $"Live.{nameof(AsyncSession)}";

    private readonly ClientOptions _options;
    private readonly ILoggerFactory _loggerFactory;

    internal AsyncLive(ClientOptions options)
    {
        _options = options;
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>
    /// Opens a session: connects, sends <c>setup</c> and returns once the service answered <c>setupComplete</c>.
    /// Messages that arrive before <c>setupComplete</c> are kept and delivered first by
    /// <see cref="AsyncSession.ReceiveAsync"/>, in arrival order, with <c>setupComplete</c> itself.
    /// </summary>
    /// <param name="model">The model, for example <c>gemini-live-2.5-flash-preview</c>; normalised as the official clients do (<c>models/…</c>, Vertex AI publisher paths).</param>
    /// <param name="config">The session configuration; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The ready session; dispose it to close.</returns>
    /// <exception cref="ArgumentException">The model name or the configuration is invalid (nothing was sent).</exception>
    /// <exception cref="LiveSetupNotSupportedException">The model does not accept a setting of the configuration, according to <see cref="LiveModelProfiles"/> (nothing was sent).</exception>
    /// <exception cref="LiveClientException">The service refused the setup (for example 1007, 1008) or the handshake (HTTP 4xx).</exception>
    /// <exception cref="LiveServerException">The service failed, the handshake got HTTP 5xx, or the connection broke.</exception>
    /// <exception cref="TimeoutException">No <c>setupComplete</c> within <see cref="ClientOptions.SetupTimeout"/>.</exception>
    /// <exception cref="InvalidOperationException">Unencrypted <c>ws://</c> to a host other than loopback without <see cref="ClientOptions.AllowInsecureTransport"/>.</exception>
    public async Task<AsyncSession> ConnectAsync(string model, LiveConnectConfig? config = null, CancellationToken cancellationToken = default)
    {
        config ??= new LiveConnectConfig();
        ILogger logger = _loggerFactory.CreateLogger(SessionLogCategory);
        string modelName = ModelNames.Normalize(model, _options.VertexAI, _options.Project, _options.VertexAI ? EndpointBuilder.VertexLocation(_options) : null);
        var setup = new LiveClientMessage { Setup = SetupBuilder.Build(modelName, config, _options.VertexAI) };
        LiveModelProfile? profile = _options.CheckModelCapabilities ? LiveModelProfiles.Find(model, _options.VertexAI) : null;
        if (profile is not null)
        {
            SetupProfileCheck.Apply(profile, model, setup.Setup);
        }

        if (!_options.VertexAI && EndpointBuilder.IsEphemeralToken(_options.ApiKey) && EndpointBuilder.ApiVersion(_options) != "v1alpha")
        {
            SessionLog.EphemeralTokenVersion(logger, EndpointBuilder.ApiVersion(_options));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.SetupTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(_options.SetupTimeout);
        }

        AsyncSession? session = null;
        try
        {
            LiveConnection connection = await SessionConnector.OpenAsync(_options, modelName, logger, timeout.Token).ConfigureAwait(false);
            session = new AsyncSession(connection, modelName, config, _options, _loggerFactory, logger) { Profile = profile };
            await session.StartAsync(setup, timeout.Token).ConfigureAwait(false);
            return session;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (session is not null)
            {
                await session.AbortAsync().ConfigureAwait(false);
            }

            throw new TimeoutException(
                $"The Live API did not complete the setup within {_options.SetupTimeout.TotalSeconds:0.###} s (ClientOptions.SetupTimeout): no setupComplete arrived.", ex);
        }
        catch
        {
            if (session is not null)
            {
                await session.AbortAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"AsyncLive ({(_options.VertexAI ? "Vertex AI" : "Gemini API")})";
}
