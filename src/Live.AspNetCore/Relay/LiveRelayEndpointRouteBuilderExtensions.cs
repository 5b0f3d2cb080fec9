using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Live.AspNetCore;

/// <summary>Maps the browser relay: a WebSocket endpoint that pairs a page with a server-side Gemini Live session.</summary>
public static class LiveRelayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a WebSocket endpoint at <paramref name="pattern"/> that pairs each browser connection with its own
    /// server-side Live session: the page streams microphone PCM and receives the model's audio, transcripts and tool
    /// activity; the session runs the tools on the server with <c>RunWithToolsAsync</c>, and the API key stays on the
    /// server. The protocol is described in <c>docs/browser.md</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder, for example the <c>WebApplication</c>.</param>
    /// <param name="pattern">The route pattern, for example <c>/live</c>.</param>
    /// <param name="configure">Sets the model, the client, the session's configuration and the tools.</param>
    /// <returns>The endpoint's convention builder, so authorization, rate limiting and the like compose
    /// (<c>.RequireAuthorization()</c>).</returns>
    /// <exception cref="InvalidOperationException">The options are incomplete (no model, no client).</exception>
    public static IEndpointConventionBuilder MapLiveRelay(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern,
        Action<LiveRelayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new LiveRelayOptions();
        configure(options);
        return endpoints.MapLiveRelay(pattern, options);
    }

    /// <summary>
    /// Maps a WebSocket endpoint at <paramref name="pattern"/> that pairs each browser connection with its own
    /// server-side Live session (see <see cref="MapLiveRelay(IEndpointRouteBuilder, string, Action{LiveRelayOptions})"/>).
    /// </summary>
    /// <param name="endpoints">The endpoint route builder, for example the <c>WebApplication</c>.</param>
    /// <param name="pattern">The route pattern, for example <c>/live</c>.</param>
    /// <param name="options">The settings; not copied, so do not change them once the application runs.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException">The options are incomplete (no model, no client).</exception>
    public static IEndpointConventionBuilder MapLiveRelay(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern,
        LiveRelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(options);

        options.Client ??= endpoints.ServiceProvider.GetService<Client>();
        options.Validate();

        ILoggerFactory loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        ILogger logger = loggerFactory.CreateLogger("Live.AspNetCore.LiveRelay");

        // The WebSocket middleware runs on this endpoint only, as SignalR maps its connections: the application does
        // not need app.UseWebSockets().
        IApplicationBuilder pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.KeepAliveInterval });
        pipeline.Run(context => LiveRelayConnection.HandleAsync(context, options, logger));
        RequestDelegate handler = pipeline.Build();

        return endpoints.Map(pattern, handler).WithDisplayName("Live relay " + pattern);
    }
}
