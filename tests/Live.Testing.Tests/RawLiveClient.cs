using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Live.Testing.Tests;

/// <summary>A bare WebSocket client speaking the Live API by hand, to test the emulator without the C# client.</summary>
internal sealed class RawLiveClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();

    private RawLiveClient()
    {
    }

    public WebSocket Socket => _socket;

    public static string GeminiPath(string version = "v1beta", string method = "BidiGenerateContent") =>
        $"ws/google.ai.generativelanguage.{version}.GenerativeService.{method}";

    public static async Task<RawLiveClient> ConnectAsync(LiveEmulator emulator, string? key = null, string? path = null, string? query = null)
    {
        string target = path ?? "/" + GeminiPath();
        string q = query ?? "?key=" + Uri.EscapeDataString(key ?? emulator.ApiKey);
        var uri = new Uri($"ws://127.0.0.1:{emulator.Port}{target}{q}");
        var client = new RawLiveClient();
        using var timeout = new CancellationTokenSource(Timeout);
        await client._socket.ConnectAsync(uri, timeout.Token);
        return client;
    }

    /// <summary>Connects, sends a minimal setup and reads setupComplete.</summary>
    public static async Task<RawLiveClient> OpenSessionAsync(LiveEmulator emulator, string setupBody = """{"model":"models/gemini-live-2.5-flash-preview","generationConfig":{"responseModalities":["TEXT"]}}""")
    {
        RawLiveClient client = await ConnectAsync(emulator);
        await client.SendAsync($$"""{"setup":{{setupBody}}}""");
        Received reply = await client.ReceiveAsync();
        Assert.True(reply.Json.TryGetProperty("setupComplete", out _), $"expected setupComplete, got {reply.Text}");
        return client;
    }

    public Task SendAsync(string json) => SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] payload, WebSocketMessageType type)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(payload, type, true, timeout.Token);
    }

    /// <summary>Receives one message (or the close frame).</summary>
    public async Task<Received> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new Received(result.MessageType, [], (int?)result.CloseStatus, result.CloseStatusDescription);
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return new Received(result.MessageType, message.ToArray(), null, null);
            }
        }
    }

    /// <summary>Receives until the close frame and returns it.</summary>
    public async Task<Received> ReceiveCloseAsync()
    {
        for (int i = 0; i < 1000; i++)
        {
            Received received = await ReceiveAsync();
            if (received.IsClose)
            {
                return received;
            }
        }

        throw new InvalidOperationException("no close frame after 1000 messages");
    }

    /// <summary>Receives messages until one satisfies the predicate; returns all received, the match last.</summary>
    public async Task<List<Received>> ReceiveUntilAsync(Func<Received, bool> predicate)
    {
        var all = new List<Received>();
        for (int i = 0; i < 1000; i++)
        {
            Received received = await ReceiveAsync();
            all.Add(received);
            if (predicate(received) || received.IsClose)
            {
                return all;
            }
        }

        throw new InvalidOperationException("no matching message after 1000 messages");
    }

    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure)
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            await _socket.CloseAsync(status, "bye", timeout.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    internal sealed record Received(WebSocketMessageType Type, byte[] Payload, int? CloseStatus, string? CloseReason)
    {
        public bool IsClose => Type == WebSocketMessageType.Close;

        public string Text => Encoding.UTF8.GetString(Payload);

        public JsonElement Json => JsonDocument.Parse(Payload).RootElement;

        public bool Has(string key) => !IsClose && Json.TryGetProperty(key, out _);
    }
}
