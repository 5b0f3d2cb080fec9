using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace Live.Reliability.Tests.Network;

/// <summary>
/// The server side of one WebSocket connection, written by hand over a raw socket so that a test can misbehave in ways a
/// real server library never would: stop reading, stop answering pings, send invalid UTF-8 or a lying frame header,
/// drop the connection with a reset.
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<string> _texts = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _resume = NewGate(open: true);
    private Task? _reader;

    public RawPeer(TcpClient client, int index)
    {
        _client = client;
        _stream = client.GetStream();
        Index = index;
    }

    /// <summary>Which connection of the server this is (1 for the first).</summary>
    public int Index { get; }

    /// <summary>Whether pings are answered (true by default).</summary>
    public bool AnswerPings { get; set; } = true;

    /// <summary>How many pings arrived.</summary>
    public int PingsReceived;

    /// <summary>Every text frame the client sent, in order.</summary>
    public List<string> Received { get; } = [];

    /// <summary>Completes when the client closed or the connection broke.</summary>
    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads the HTTP upgrade request and accepts it.</summary>
    public async Task AcceptUpgradeAsync(CancellationToken cancellationToken)
    {
        var request = new StringBuilder();
        var one = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("The client left during the handshake.");
            }

            request.Append((char)one[0]);
        }

        string key = request.ToString().Split("\r\n")
            .First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))["Sec-WebSocket-Key:".Length..].Trim();
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        string response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken);
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Reads <c>setup</c>, answers <c>setupComplete</c> and, when given, a resumable handle.</summary>
    public async Task CompleteSetupAsync(string? handle = null)
    {
        string setup = await NextTextAsync();
        if (!setup.Contains("\"setup\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Expected setup, got " + setup);
        }

        await SendTextAsync("""{"setupComplete":{}}""");
        if (handle is not null)
        {
            await SendTextAsync("{\"sessionResumptionUpdate\":{\"newHandle\":\"" + handle + "\",\"resumable\":true}}");
        }
    }

    /// <summary>The next text frame from the client (bounded wait).</summary>
    public async Task<string> NextTextAsync(TimeSpan? timeout = null) =>
        await _texts.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(15));

    /// <summary>Stops reading from the socket (no more pongs, the client's sends eventually block).</summary>
    public void StopReading() => Interlocked.Exchange(ref _resume, NewGate(open: false));

    /// <summary>Reads again.</summary>
    public void ResumeReading() => _resume.TrySetResult();

    public Task SendTextAsync(string text) => SendFrameAsync(0x1, Encoding.UTF8.GetBytes(text));

    /// <summary>Sends one frame with the given opcode and payload (FIN set, unmasked).</summary>
    public Task SendFrameAsync(byte opcode, ReadOnlyMemory<byte> payload) => SendRawAsync(Header(opcode, payload.Length), payload);

    /// <summary>Writes bytes as they are (a header that lies about its length, a partial frame, …).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second = default)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(first);
            if (!second.IsEmpty)
            {
                await _stream.WriteAsync(second);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The header of an unmasked final frame announcing <paramref name="length"/> bytes.</summary>
    public static byte[] Header(byte opcode, long length)
    {
        if (length < 126)
        {
            return [(byte)(0x80 | opcode), (byte)length];
        }

        if (length <= ushort.MaxValue)
        {
            return [(byte)(0x80 | opcode), 126, (byte)(length >> 8), (byte)length];
        }

        var header = new byte[10];
        header[0] = (byte)(0x80 | opcode);
        header[1] = 127;
        for (int i = 0; i < 8; i++)
        {
            header[2 + i] = (byte)(length >> (8 * (7 - i)));
        }

        return header;
    }

    /// <summary>
    /// Writes a frame in pieces with a pause between them, holding the write lock throughout (a pong may not go into the
    /// middle of a frame).
    /// </summary>
    public async Task SendSlowlyAsync(byte[] header, byte[] piece, int pieces, TimeSpan pause)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(header);
            for (int i = 0; i < pieces; i++)
            {
                await _stream.WriteAsync(piece);
                await Task.Delay(pause);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Drops the connection with a TCP reset: no close frame.</summary>
    public void Abort()
    {
        try
        {
            _client.Client.LingerState = new LingerOption(true, 0);
            _client.Client.Close();
        }
        catch (ObjectDisposedException)
        {
        }

        Ended.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _resume.TrySetResult();
        _texts.Writer.TryComplete();
        Abort();
        if (_reader is not null)
        {
            await _reader.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        _client.Dispose();
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            var header = new byte[14];
            while (!_stop.IsCancellationRequested)
            {
                await Volatile.Read(ref _resume).Task;
                await _stream.ReadExactlyAsync(header.AsMemory(0, 2), _stop.Token);
                int opcode = header[0] & 0x0F;
                long length = header[1] & 0x7F;
                bool masked = (header[1] & 0x80) != 0;
                if (length == 126)
                {
                    await _stream.ReadExactlyAsync(header.AsMemory(0, 2), _stop.Token);
                    length = (header[0] << 8) | header[1];
                }
                else if (length == 127)
                {
                    await _stream.ReadExactlyAsync(header.AsMemory(0, 8), _stop.Token);
                    length = 0;
                    for (int i = 0; i < 8; i++)
                    {
                        length = (length << 8) | header[i];
                    }
                }

                var mask = new byte[4];
                if (masked)
                {
                    await _stream.ReadExactlyAsync(mask, _stop.Token);
                }

                var payload = new byte[length];
                await _stream.ReadExactlyAsync(payload, _stop.Token);
                for (int i = 0; i < payload.Length; i++)
                {
                    payload[i] ^= mask[i % 4];
                }

                switch (opcode)
                {
                    case 0x1:
                        string text = Encoding.UTF8.GetString(payload);
                        lock (Received)
                        {
                            Received.Add(text);
                        }

                        _texts.Writer.TryWrite(text);
                        break;
                    case 0x8:
                        Ended.TrySetResult();
                        return;
                    case 0x9:
                        Interlocked.Increment(ref PingsReceived);
                        if (AnswerPings)
                        {
                            await SendFrameAsync(0xA, payload);
                        }

                        break;
                }
            }
        }
        catch (Exception)
        {
            // The connection ended (or the test dropped it).
        }
        finally
        {
            Ended.TrySetResult();
        }
    }
}
