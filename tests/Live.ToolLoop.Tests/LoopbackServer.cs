using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Live.ToolLoopTests;

/// <summary>
/// A minimal Live API server on 127.0.0.1 for tool-loop tests: answers setup, then lets the test send server messages and
/// read what the client sent, frame by frame.
/// </summary>
internal sealed class LoopbackServer : ITestServer
{
    private readonly WebApplication _app;
    private readonly Channel<ServerConnection> _connections = Channel.CreateUnbounded<ServerConnection>();
    private readonly List<ServerConnection> _all = new();

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<LoopbackServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var server = new LoopbackServer(app);
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new ServerConnection(socket);
            lock (server._all)
            {
                server._all.Add(connection);
            }

            await server._connections.Writer.WriteAsync(connection);
            await connection.RunAsync();
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public Client CreateClient(Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions { ApiKey = "TEST_KEY", BaseUrl = BaseUrl };
        configure?.Invoke(options);
        return new Client(options);
    }

    /// <summary>Waits for the next connection and answers its setup with setupComplete.</summary>
    public Task<ServerConnection> AcceptAsync(TimeSpan? timeout = null) => ServerConnection.AcceptAsync(_connections.Reader, timeout);

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
}

internal sealed class ServerConnection
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public ServerConnection(WebSocket socket) => _socket = socket;

    public JsonElement Setup { get; set; }

    /// <summary>Waits for the next connection and answers its setup with setupComplete.</summary>
    public static async Task<ServerConnection> AcceptAsync(ChannelReader<ServerConnection> connections, TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        ServerConnection connection = await connections.ReadAsync(cts.Token);
        JsonElement setup = await connection.ReceiveAsync(cts.Token);
        Assert.True(setup.TryGetProperty("setup", out _), "The first client frame must be setup.");
        connection.Setup = setup;
        await connection.SendAsync("""{"setupComplete":{}}""");
        return connection;
    }

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
        SendAsync(JsonSerializer.Serialize(text, TestJson.Default.String) is var t
            ? $"{{\"serverContent\":{{\"modelTurn\":{{\"role\":\"model\",\"parts\":[{{\"text\":{t}}}]}}{(turnComplete ? ",\"turnComplete\":true" : "")}}}}}"
            : "");

    public async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await _frames.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Reads frames until a toolResponse arrives and returns its functionResponses.</summary>
    public async Task<JsonElement[]> ReceiveToolResponseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
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
