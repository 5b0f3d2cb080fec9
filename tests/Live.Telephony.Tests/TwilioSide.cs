using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Live.Audio;

namespace Live.Telephony.Tests;

/// <summary>
/// Plays Twilio's side of a Media Streams call over a real WebSocket: sends <c>connected</c>, <c>start</c>, 20 ms
/// <c>media</c> frames of μ-law 8 kHz, echoes marks as Twilio does after playback, and records what the bridge sends.
/// </summary>
internal sealed class TwilioSide : IAsyncDisposable
{
    public const string StreamSid = "MZ00000000000000000000000000000001";
    public const string CallSid = "CA00000000000000000000000000000001";

    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonObject> _received = [];
    private readonly object _gate = new();
    private int _sequence;
    private int _chunk;
    private Task? _reader;

    public bool EchoMarks { get; set; } = true;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    public async Task ConnectAsync(Uri uri)
    {
        await _socket.ConnectAsync(uri, CancellationToken.None);
        _reader = Task.Run(ReadAsync);
    }

    public Task SendConnectedAsync() => SendAsync(new JsonObject { ["event"] = "connected", ["protocol"] = "Call", ["version"] = "1.0.0" });

    public Task SendStartAsync(string encoding = "audio/x-mulaw", int sampleRate = 8000) => SendAsync(new JsonObject
    {
        ["event"] = "start",
        ["sequenceNumber"] = Next(),
        ["start"] = new JsonObject
        {
            ["accountSid"] = "AC00000000000000000000000000000001",
            ["streamSid"] = StreamSid,
            ["callSid"] = CallSid,
            ["tracks"] = new JsonArray("inbound"),
            ["mediaFormat"] = new JsonObject { ["encoding"] = encoding, ["sampleRate"] = sampleRate, ["channels"] = 1 },
            ["customParameters"] = new JsonObject { ["caller"] = "+15550100" },
        },
        ["streamSid"] = StreamSid,
    });

    /// <summary>Sends 8 kHz samples as μ-law media messages of 20 ms (160 bytes), as Twilio does.</summary>
    public async Task SendAudioAsync(short[] samples)
    {
        for (int offset = 0; offset < samples.Length; offset += 160)
        {
            int count = Math.Min(160, samples.Length - offset);
            var mulaw = new byte[count];
            MuLaw.Encode(samples.AsSpan(offset, count), mulaw);
            int chunk = ++_chunk;
            await SendAsync(new JsonObject
            {
                ["event"] = "media",
                ["sequenceNumber"] = Next(),
                ["media"] = new JsonObject
                {
                    ["track"] = "inbound",
                    ["chunk"] = chunk.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["timestamp"] = ((chunk - 1) * 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["payload"] = Convert.ToBase64String(mulaw),
                },
                ["streamSid"] = StreamSid,
            });
        }
    }

    public Task SendStopAsync() => SendAsync(new JsonObject
    {
        ["event"] = "stop",
        ["sequenceNumber"] = Next(),
        ["streamSid"] = StreamSid,
        ["stop"] = new JsonObject { ["accountSid"] = "AC00000000000000000000000000000001", ["callSid"] = CallSid },
    });

    public Task SendRawAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> predicate, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Received.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The bridge did not send {what}. Received: {string.Join(", ", Received.Select(m => (string?)m["event"]))}");
    }

    /// <summary>Waits until the bridge closes the socket.</summary>
    public async Task WaitClosedAsync(TimeSpan timeout)
    {
        await _reader!.WaitAsync(timeout);
    }

    /// <summary>The μ-law audio of every media message received, decoded to 8 kHz samples.</summary>
    public static short[] Decode(IEnumerable<JsonObject> media) =>
        media.SelectMany(m =>
        {
            byte[] mulaw = Convert.FromBase64String((string)m["media"]!["payload"]!);
            var samples = new short[mulaw.Length];
            MuLaw.Decode(mulaw, samples);
            return samples;
        }).ToArray();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Gone already.
            }
        }

        _socket.Dispose();
    }

    private string Next() => (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task SendAsync(JsonObject message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
                }

                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            JsonObject json = JsonNode.Parse(message.ToArray())!.AsObject();
            message.SetLength(0);
            lock (_gate)
            {
                _received.Add(json);
            }

            if (EchoMarks && (string?)json["event"] == "mark")
            {
                // Twilio answers a mark once the audio before it has played.
                await SendAsync(new JsonObject { ["event"] = "mark", ["sequenceNumber"] = Next(), ["streamSid"] = StreamSid, ["mark"] = new JsonObject { ["name"] = json["mark"]!["name"]!.DeepClone() } });
            }
        }
    }
}
