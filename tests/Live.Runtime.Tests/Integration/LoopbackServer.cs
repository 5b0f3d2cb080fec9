using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Live.Runtime.Tests.Integration;

/// <summary>
/// A real WebSocket server (Kestrel) on 127.0.0.1 with an ephemeral port, playing the Live API's part with a
/// handler per test. Records the handshake and what the handler reports.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _handlerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string? RequestPath { get; private set; }

    public string? RequestQuery { get; private set; }

    public Dictionary<string, string> RequestHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Completes when the handler returned (faults with its exception).</summary>
    public Task HandlerDone => _handlerDone.Task;

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public static async Task<LoopbackServer> StartAsync(Func<WebSocket, Task> handler, int? rejectWithStatus = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.UseWebSockets();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            LoopbackServer self = server!;
            self.RequestPath = context.Request.Path.Value;
            self.RequestQuery = context.Request.QueryString.Value;
            foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Request.Headers)
            {
                self.RequestHeaders[header.Key] = header.Value.ToString();
            }

            if (rejectWithStatus is { } status)
            {
                context.Response.StatusCode = status;
                self._handlerDone.TrySetResult();
                return;
            }

            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            try
            {
                await handler(socket).WaitAsync(Timeout);
                self._handlerDone.TrySetResult();
            }
            catch (Exception ex)
            {
                self._handlerDone.TrySetException(ex);
            }
        });

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, new Uri(address).Port);
        return server;
    }

    /// <summary>A client for this server (Gemini API, key TEST_KEY, environment hidden).</summary>
    public Client CreateClient(Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions { ApiKey = "TEST_KEY", BaseUrl = BaseUrl, EnvironmentReader = _ => null };
        configure?.Invoke(options);
        return new Client(options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ---- server-side helpers ----

    /// <summary>Reads one whole message as text; null when the client closed.</summary>
    public static async Task<string?> ReadAsync(WebSocket socket)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        for (int i = 0; i < 10_000; i++)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }

        throw new InvalidOperationException("Message too long for the test server.");
    }

    /// <summary>Sends JSON as the service does: a binary frame (optionally split into fragments).</summary>
    public static async Task SendAsync(WebSocket socket, string json, bool binary = true, int fragmentSize = int.MaxValue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        WebSocketMessageType type = binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
        for (int offset = 0; offset < bytes.Length || offset == 0; offset += fragmentSize)
        {
            int count = Math.Min(fragmentSize, bytes.Length - offset);
            bool last = offset + count >= bytes.Length;
            await socket.SendAsync(bytes.AsMemory(offset, count), type, last, cts.Token);
            if (last)
            {
                break;
            }
        }
    }

    /// <summary>Closes with a code and waits (bounded) for the client's answer.</summary>
    public static async Task CloseAsync(WebSocket socket, int code, string reason)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cts.Token);
        await DrainUntilCloseAsync(socket);
    }

    /// <summary>Reads (bounded) until the client's close; returns its status.</summary>
    public static async Task<WebSocketCloseStatus?> DrainUntilCloseAsync(WebSocket socket)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        for (int i = 0; i < 100_000 && socket.State is WebSocketState.Open or WebSocketState.CloseSent; i++)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, cts.Token);
                }

                return result.CloseStatus;
            }
        }

        return socket.CloseStatus;
    }

    /// <summary>Reads the setup frame and answers setupComplete.</summary>
    public static async Task<string> AcceptSetupAsync(WebSocket socket, string? sessionId = null)
    {
        string setup = await ReadAsync(socket) ?? throw new InvalidOperationException("The client closed before setup.");
        await SendAsync(socket, sessionId is null ? "{\n  \"setupComplete\": {}\n}\n" : $"{{\"setupComplete\":{{\"sessionId\":\"{sessionId}\"}}}}");
        return setup;
    }
}
