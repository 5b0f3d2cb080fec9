using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace Live.Extensions.AI;

/// <summary>An <see cref="IRealtimeClient"/> over a Live.Tools <see cref="Client"/>.</summary>
[Experimental("MEAI001")]
public sealed class LiveRealtimeClient : IRealtimeClient
{
    private readonly Client _client;
    private readonly LiveRealtimeClientOptions _options;

    internal LiveRealtimeClient(Client client, LiveRealtimeClientOptions options)
    {
        _client = client;
        _options = options;
    }

    /// <summary>Connects a Gemini Live session configured from <paramref name="options"/>.</summary>
    /// <param name="options">The session options (model, instructions, modalities, voice, tools, transcription).</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <returns>The session.</returns>
    /// <exception cref="InvalidOperationException">No model is given here or in <see cref="LiveRealtimeClientOptions.DefaultModel"/>.</exception>
    /// <exception cref="NotSupportedException">The options ask for something Gemini Live cannot do (a transcription-only session, or invocable and declaration-only tools mixed).</exception>
    public async Task<IRealtimeClientSession> CreateSessionAsync(RealtimeSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RealtimeSessionOptions();
        string model = options.Model ?? _options.DefaultModel
            ?? throw new InvalidOperationException("No model: set RealtimeSessionOptions.Model or LiveRealtimeClientOptions.DefaultModel.");
        (LiveConnectConfig config, AIFunctionToolSet? tools) = RealtimeMapping.ToConnectConfig(options, _options.FunctionServices);
        _options.ConfigureConnect?.Invoke(config);
        AsyncSession session = await _client.Live.ConnectAsync(model, config, cancellationToken).ConfigureAwait(false);
        return new LiveRealtimeClientSession(session, options, tools, _options.ToolOptions);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceType is null)
        {
            throw new ArgumentNullException(nameof(serviceType));
        }

        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : serviceKey is null && serviceType == typeof(Client) ? _client
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The Live.Tools client holds no connection; sessions are disposed by their owners.
    }
}
