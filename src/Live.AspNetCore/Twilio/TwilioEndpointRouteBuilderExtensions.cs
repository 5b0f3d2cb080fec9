using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using Live.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Live.AspNetCore;

/// <summary>Maps a Twilio Media Streams endpoint: phone calls to a Gemini Live voice agent (see <see cref="TwilioMediaStreamBridge"/>).</summary>
public static class TwilioEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a WebSocket endpoint at <paramref name="pattern"/> for Twilio's <c>&lt;Connect&gt;&lt;Stream url="wss://…"&gt;</c>:
    /// each connection is a phone call, bridged to its own Live session that runs the configured tools. The
    /// WebSocket middleware runs on this endpoint only (no <c>app.UseWebSockets()</c> needed).
    /// </summary>
    /// <param name="endpoints">The endpoint route builder, for example the <c>WebApplication</c>.</param>
    /// <param name="pattern">The route pattern, for example <c>/twilio/media</c>.</param>
    /// <param name="configure">Sets the model, the configuration and the tools.</param>
    /// <param name="client">The Live API client; when null, the <see cref="Client"/> registered in the services.</param>
    /// <returns>The endpoint's convention builder, so filters, authorization and rate limiting compose.</returns>
    /// <exception cref="InvalidOperationException">No client was given or registered.</exception>
    /// <exception cref="ArgumentException">The options are incomplete (no model).</exception>
    public static IEndpointConventionBuilder MapTwilioMediaStream(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern,
        Action<TwilioMediaStreamOptions> configure,
        Client? client = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new TwilioMediaStreamOptions();
        configure(options);
        return endpoints.MapTwilioMediaStream(pattern, options, client);
    }

    /// <summary>
    /// Maps a WebSocket endpoint at <paramref name="pattern"/> for Twilio Media Streams (see
    /// <see cref="MapTwilioMediaStream(IEndpointRouteBuilder, string, Action{TwilioMediaStreamOptions}, Client?)"/>).
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <param name="options">The settings; not copied, so do not change them once the application runs.</param>
    /// <param name="client">The Live API client; when null, the <see cref="Client"/> registered in the services.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException">No client was given or registered.</exception>
    /// <exception cref="ArgumentException">The options are incomplete (no model).</exception>
    public static IEndpointConventionBuilder MapTwilioMediaStream(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern,
        TwilioMediaStreamOptions options,
        Client? client = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(options);

        client ??= endpoints.ServiceProvider.GetService<Client>()
            ?? throw new InvalidOperationException("MapTwilioMediaStream needs a Client: pass one, or register one in the services.");
        ILoggerFactory loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        ILogger logger = loggerFactory.CreateLogger("Live.AspNetCore.TwilioMediaStream");
        var bridge = new TwilioMediaStreamBridge(client, options, logger);

        IApplicationBuilder pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(context => HandleAsync(context, bridge, logger));
        return endpoints.Map(pattern, pipeline.Build()).WithDisplayName("Twilio media stream " + pattern);
    }

    private static async Task HandleAsync(HttpContext context, TwilioMediaStreamBridge bridge, ILogger logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Twilio Media Streams connect with a WebSocket (<Connect><Stream url=\"wss://…\">).", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        try
        {
            await bridge.RunAsync(socket, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TwilioStreamException or LiveException)
        {
            // The bridge closed both sides; the call is over. Log it: nothing else would see it.
            TwilioEndpointLog.CallFailed(logger, ex);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The connection went away.
        }
    }
}

/// <summary>Log messages of the Twilio endpoint.</summary>
internal static class TwilioEndpointLog
{
    private static readonly Action<ILogger, Exception?> s_callFailed =
        LoggerMessage.Define(LogLevel.Error, new EventId(1, "TwilioCallFailed"), "A Twilio call ended with an error.");

    public static void CallFailed(ILogger logger, Exception exception) => s_callFailed(logger, exception);
}
