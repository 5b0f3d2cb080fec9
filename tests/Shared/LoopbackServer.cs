using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// In the root namespace so that the test namespaces below it (Live.ToolLoopTests, Live.Runtime.Tests.Integration, …)
// find these types without a using directive.
namespace Live;

/// <summary>
/// A real WebSocket server (Kestrel) on 127.0.0.1 with an ephemeral port, playing the Live API's part. Two ways to drive
/// it: <see cref="StartAsync()"/> queues each connection for <see cref="AcceptAsync"/> (the test then sends server
/// messages and reads the client's frames through <see cref="ServerConnection"/>); <see cref="StartAsync(Func{WebSocket, Task}, int?)"/>
/// runs a handler per connection, with the static helpers below. Either way the handshake is recorded. Linked into the
/// test projects that need it from <c>tests/Shared</c>.
/// </summary>
internal sealed partial class LoopbackServer : IAsyncDisposable
{
    /// <summary>How long any single wait of the server side may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly bool _queuesConnections;
    private readonly TaskCompletionSource _handlerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<ServerConnection> _connections = Channel.CreateUnbounded<ServerConnection>();
    private readonly List<ServerConnection> _all = new();

    private LoopbackServer(WebApplication app, bool queuesConnections)
    {
        _app = app;
        _queuesConnections = queuesConnections;
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The path of the last request.</summary>
    public string? RequestPath { get; private set; }

    /// <summary>The query string of the last request (with its <c>?</c>).</summary>
    public string? RequestQuery { get; private set; }

    /// <summary>The headers of the last request.</summary>
    public Dictionary<string, string> RequestHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Completes when the handler returned (faults with its exception); handler mode only.</summary>
    public Task HandlerDone => _handlerDone.Task;

    /// <summary>The server's address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts a server that queues every WebSocket connection for <see cref="AcceptAsync"/>.</summary>
    public static Task<LoopbackServer> StartAsync() => StartCoreAsync(handler: null, rejectWithStatus: null);

    /// <summary>Starts a server that runs <paramref name="handler"/> for each WebSocket connection (bounded by <see cref="Timeout"/>).</summary>
    /// <param name="handler">Plays the service's part on the accepted socket.</param>
    /// <param name="rejectWithStatus">When set, every request is answered with this HTTP status instead.</param>
    public static Task<LoopbackServer> StartAsync(Func<WebSocket, Task> handler, int? rejectWithStatus = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return StartCoreAsync(handler, rejectWithStatus);
    }

    /// <summary>Starts a TLS server (wss) with <paramref name="certificate"/> that runs <paramref name="handler"/> for each WebSocket connection.</summary>
    /// <param name="handler">Plays the service's part on the accepted socket.</param>
    /// <param name="certificate">The server's certificate, with its private key.</param>
    public static Task<LoopbackServer> StartTlsAsync(Func<WebSocket, Task> handler, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(certificate);
        return StartCoreAsync(handler, rejectWithStatus: null, certificate);
    }

    private static async Task<LoopbackServer> StartCoreAsync(
        Func<WebSocket, Task>? handler, int? rejectWithStatus, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        WebApplication app = builder.Build();
        var server = new LoopbackServer(app, queuesConnections: handler is null);
        app.UseWebSockets();
        app.Run(async context =>
        {
            server.RequestPath = context.Request.Path.Value;
            server.RequestQuery = context.Request.QueryString.Value;
            foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Request.Headers)
            {
                server.RequestHeaders[header.Key] = header.Value.ToString();
            }

            if (rejectWithStatus is { } status)
            {
                context.Response.StatusCode = status;
                server._handlerDone.TrySetResult();
                return;
            }

            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            if (handler is null)
            {
                WebSocket accepted = await context.WebSockets.AcceptWebSocketAsync();
                var connection = new ServerConnection(accepted);
                lock (server._all)
                {
                    server._all.Add(connection);
                }

                await server._connections.Writer.WriteAsync(connection);
                await connection.RunAsync();
                return;
            }

            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            try
            {
                await handler(socket).WaitAsync(Timeout);
                server._handlerDone.TrySetResult();
            }
            catch (Exception ex)
            {
                server._handlerDone.TrySetException(ex);
            }
        });

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    /// <summary>A client for this server (Gemini API, key TEST_KEY, environment hidden).</summary>
    public Client CreateClient(Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions { ApiKey = "TEST_KEY", BaseUrl = BaseUrl, EnvironmentReader = _ => null };
        configure?.Invoke(options);
        return new Client(options);
    }

    /// <summary>Waits for the next connection and answers its setup with setupComplete (server started by <see cref="StartAsync()"/>).</summary>
    public Task<ServerConnection> AcceptAsync(TimeSpan? timeout = null) =>
        _queuesConnections
            ? ServerConnection.AcceptAsync(_connections.Reader, timeout)
            : throw new InvalidOperationException("This server runs a handler per connection; start it with StartAsync() to accept connections.");

    public async ValueTask DisposeAsync()
    {
        lock (_all)
        {
            foreach (ServerConnection connection in _all)
            {
                connection.Abort();
            }
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ---- server-side helpers for handler mode ----

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

/// <summary>
/// The server's end of one WebSocket connection (from <see cref="LoopbackServer"/> or an in-memory pipe): collects the
/// client's frames as JSON and sends server messages.
/// </summary>
internal sealed class ServerConnection
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public ServerConnection(WebSocket socket) => _socket = socket;

    /// <summary>The client's setup frame, once accepted.</summary>
    public JsonElement Setup { get; set; }

    /// <summary>Waits for the next connection and answers its setup with setupComplete.</summary>
    public static async Task<ServerConnection> AcceptAsync(ChannelReader<ServerConnection> connections, TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? LoopbackServer.Timeout);
        ServerConnection connection = await connections.ReadAsync(cts.Token);
        JsonElement setup = await connection.ReceiveAsync(cts.Token);
        Assert.True(setup.TryGetProperty("setup", out _), "The first client frame must be setup.");
        connection.Setup = setup;
        await connection.SendAsync("""{"setupComplete":{}}""");
        return connection;
    }

    /// <summary>Reads the client's frames until it closes.</summary>
    public async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _frames.Writer.TryComplete();
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                using JsonDocument doc = JsonDocument.Parse(message.ToArray());
                await _frames.Writer.WriteAsync(doc.RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            _frames.Writer.TryComplete();
        }
    }

    /// <summary>Sends one message as a binary frame, as the service does.</summary>
    public async Task SendAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task SendToolCallAsync(params (string Id, string Name, string ArgsJson)[] calls) =>
        SendAsync("{\"toolCall\":{\"functionCalls\":[" + string.Join(",", calls.Select(c => $"{{\"id\":\"{c.Id}\",\"name\":\"{c.Name}\",\"args\":{c.ArgsJson}}}")) + "]}}");

    public Task SendCancellationAsync(params string[] ids) =>
        SendAsync("{\"toolCallCancellation\":{\"ids\":[" + string.Join(",", ids.Select(i => $"\"{i}\"")) + "]}}");

    public Task SendTextAsync(string text, bool turnComplete = false) =>
        SendAsync($"{{\"serverContent\":{{\"modelTurn\":{{\"role\":\"model\",\"parts\":[{{\"text\":\"{JsonEncodedText.Encode(text).Value}\"}}]}}{(turnComplete ? ",\"turnComplete\":true" : "")}}}}}");

    /// <summary>The client's next frame (bounded by <see cref="LoopbackServer.Timeout"/>).</summary>
    public async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LoopbackServer.Timeout);
        return await _frames.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Reads frames until a toolResponse arrives and returns its functionResponses.</summary>
    public async Task<JsonElement[]> ReceiveToolResponseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? LoopbackServer.Timeout);
        while (true)
        {
            JsonElement frame = await _frames.Reader.ReadAsync(cts.Token);
            if (frame.TryGetProperty("toolResponse", out JsonElement response))
            {
                return response.GetProperty("functionResponses").EnumerateArray().ToArray();
            }
        }
    }

    /// <summary>Whether a toolResponse arrives within the time given.</summary>
    public async Task<JsonElement[]?> TryReceiveToolResponseAsync(TimeSpan within)
    {
        try
        {
            return await ReceiveToolResponseAsync(within);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends a close frame with this status and reason.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(status, reason, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Abort()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseSent or WebSocketState.CloseReceived or WebSocketState.Connecting)
        {
            try
            {
                _socket.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request already ended.
            }
        }
    }
}
