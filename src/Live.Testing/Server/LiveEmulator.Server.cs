using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Live.Testing;

/// <content>The Kestrel host, the handshake (path, credential, script) and shutdown.</content>
public sealed partial class LiveEmulator
{
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(5);

    [GeneratedRegex(@"^/{1,2}ws/google\.ai\.generativelanguage\.(?<version>v[0-9]+[a-z0-9]*)\.GenerativeService\.(?<method>BidiGenerateContent|BidiGenerateContentConstrained)$", RegexOptions.CultureInvariant)]
    private static partial Regex LivePath();

    [GeneratedRegex(@"^/{1,2}ws/google\.cloud\.aiplatform\.(?<version>v[0-9]+[a-z0-9]*)\.LlmBidiService/(?<method>BidiGenerateContent)$", RegexOptions.CultureInvariant)]
    private static partial Regex VertexPath();

    /// <summary>Stops the server: open connections are closed with 1001 (going away) and then dropped.</summary>
    /// <returns>A task completing when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ConnectionSession[] sessions;
        lock (_gate)
        {
            sessions = [.. _sessions];
        }

        // Close politely, but never wait long: a send stuck on a client that does not read must not hang the test.
        Task closing = Task.WhenAll(sessions.Select(s => s.CloseAsync(1001, "The emulator is stopping.")));
        await Task.WhenAny(closing, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(sessions.Select(s => s.Connection.Completion)), Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (ConnectionSession session in sessions)
        {
            session.Abort();
        }

        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(s_shutdownTimeout);
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutdown took too long; disposing ends what is left.
            }

            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "Live.Testing.LiveEmulator",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddLogging();

        WebApplication app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Run(HandleAsync);
        _app = app;
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));
    }

    private async Task HandleAsync(HttpContext http)
    {
        Match path = LivePath().Match(http.Request.Path.Value ?? string.Empty);
        if (!path.Success)
        {
            path = VertexPath().Match(http.Request.Path.Value ?? string.Empty);
        }

        if (!path.Success)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync("Not found: the Live API emulator serves /ws/google.ai.generativelanguage.{version}.GenerativeService.BidiGenerateContent and /ws/google.cloud.aiplatform.{version}.LlmBidiService/BidiGenerateContent.").ConfigureAwait(false);
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("Expected a WebSocket upgrade request.").ConfigureAwait(false);
            return;
        }

        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        EmulatorConnection connection;
        LiveScript? script;
        lock (_gate)
        {
            if (_disposed != 0)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            script = _scripts.Count > 0 ? _scripts.Dequeue() : null;
            connection = new EmulatorConnection(
                _connections.Count + 1,
                Options,
                http.Request.Path.Value!,
                http.Request.QueryString.Value ?? string.Empty,
                path.Groups["version"].Value,
                path.Groups["method"].Value,
                headers,
                PresentedCredential(http),
                script is not null);
            _connections.Add(connection);
        }

        if (script?.HandshakeStatus is int status)
        {
            connection.RejectedHandshakeStatus = status;
            http.Response.StatusCode = status;
            connection.MarkEnded();
            return;
        }

        WebSocket socket;
        try
        {
            socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = Options.EnableCompression })
                .ConfigureAwait(false);
        }
        catch
        {
            connection.Aborted = true;
            connection.MarkEnded();
            throw;
        }

        var session = new ConnectionSession(this, connection, socket, http, script, _stopping.Token);
        lock (_gate)
        {
            _sessions.Add(session);
        }

        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _sessions.Remove(session);
            }

            socket.Dispose();
        }
    }

    /// <summary>The credential as the official clients send it: JavaScript in the query, Python in headers.</summary>
    private static string? PresentedCredential(HttpContext http)
    {
        IQueryCollection query = http.Request.Query;
        if (query.TryGetValue("key", out var key) && key.Count > 0)
        {
            return key[0];
        }

        if (query.TryGetValue("access_token", out var token) && token.Count > 0)
        {
            return token[0];
        }

        if (http.Request.Headers.TryGetValue("x-goog-api-key", out var header) && header.Count > 0)
        {
            return header[0];
        }

        string? authorization = http.Request.Headers.Authorization.FirstOrDefault();
        foreach (string scheme in new[] { "Token ", "Bearer " })
        {
            if (authorization?.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) == true)
            {
                return authorization[scheme.Length..].Trim();
            }
        }

        return null;
    }
}
