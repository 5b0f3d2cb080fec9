using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Live.AspNetCore.Tests.Relay;

/// <summary>Plays the page's side of the relay protocol: sends PCM and commands, records every message it receives.</summary>
internal sealed class PageClient : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly Channel<PageMessage> _received = Channel.CreateUnbounded<PageMessage>();
    private readonly List<PageMessage> _all = [];
    private readonly Task _receiving;

    public PageClient(ClientWebSocket socket)
    {
        Socket = socket;
        _receiving = ReceiveLoopAsync();
    }

    public ClientWebSocket Socket { get; }

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<PageMessage> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public Task SendAudioAsync(byte[] pcm) => Socket.SendAsync(pcm, WebSocketMessageType.Binary, true, CancellationToken.None);

    public Task SendTextAsync(string json) => Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Waits for the next message that matches, skipping the others (they stay in <see cref="All"/>).</summary>
    public async Task<PageMessage> WaitForAsync(Func<PageMessage, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(s_wait);
        try
        {
            while (true)
            {
                PageMessage message = await _received.Reader.ReadAsync(timeout.Token);
                if (match(message))
                {
                    return message;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"The page did not receive {what}. Received: {string.Join(" | ", All.Select(m => m.ToString()))}");
        }
    }

    public Task<PageMessage> WaitForTypeAsync(string type) => WaitForAsync(m => m.Type == type, $"a \"{type}\" message");

    /// <summary>Waits until the server closes the socket; returns the close status.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync()
    {
        await _receiving.WaitAsync(s_wait);
        return Socket.CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server went first.
            }
        }

        Socket.Abort();
        Socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await Socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var message = new PageMessage(result.MessageType == WebSocketMessageType.Binary, buffer.AsSpan(0, count).ToArray());
                lock (_all)
                {
                    _all.Add(message);
                }

                _received.Writer.TryWrite(message);
            }
        }
        catch (WebSocketException)
        {
            // Closed without a handshake.
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}

/// <summary>One message the page received: audio (binary) or a JSON control message.</summary>
internal sealed class PageMessage(bool isAudio, byte[] data)
{
    private JsonElement? _json;

    public bool IsAudio { get; } = isAudio;

    public byte[] Data { get; } = data;

    public string Text => Encoding.UTF8.GetString(Data);

    public JsonElement Json => _json ??= IsAudio ? default : JsonDocument.Parse(Data).RootElement.Clone();

    public string? Type => IsAudio ? null : Json.GetProperty("type").GetString();

    public string Get(string property) => Json.GetProperty(property).ValueKind == JsonValueKind.String ? Json.GetProperty(property).GetString()! : Json.GetProperty(property).GetRawText();

    public override string ToString() => IsAudio ? $"audio({Data.Length} bytes)" : Text;
}
