using System.Text;
using System.Threading.Channels;
using Live.Transport;

namespace Live.Reliability.Tests.Infrastructure;

/// <summary>
/// An in-memory <see cref="ILiveTransport"/> for the receive path: the test queues server frames (any bytes), the
/// client's frames are counted. Answers <c>setup</c> with <c>setupComplete</c>.
/// </summary>
internal sealed class QueueTransport : ILiveTransport
{
    private readonly Channel<TransportFrame> _incoming = Channel.CreateUnbounded<TransportFrame>();
    private volatile bool _closeReceived;
    private int _sent;

    public int SentCount => Volatile.Read(ref _sent);

    public int CloseCount { get; private set; }

    /// <summary>Whether to keep the ids of the function responses the client sends (see <see cref="ToolResponseIds"/>).</summary>
    public bool RecordSends { get; set; }

    /// <summary>The ids of every function response sent, in order (when <see cref="RecordSends"/>).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ToolResponseIds { get; } = new();

    public int? ClientCloseCode { get; private set; }

    public bool IsCloseReceived => _closeReceived;

    /// <summary>Whether a close from the client is answered with a close (as a server does); off to feed frames to one connection forever.</summary>
    public bool EchoClose { get; init; } = true;

    /// <summary>Creates client options whose every connection is a new <see cref="QueueTransport"/>, handed to <paramref name="created"/>.</summary>
    public static ClientOptions Options(Action<QueueTransport> created, ClientOptions? options = null)
    {
        options ??= new ClientOptions { ApiKey = "fuzz-key" };
        options.EnvironmentReader = _ => null;
        options.TransportFactory = (_, _, _) =>
        {
            var transport = new QueueTransport();
            created(transport);
            return ValueTask.FromResult<ILiveTransport>(transport);
        };
        return options;
    }

    public void Enqueue(byte[] payload, bool binary = true) =>
        _incoming.Writer.TryWrite(TransportFrame.Message(binary ? TransportFrameKind.Binary : TransportFrameKind.Text, payload, payload.Length, pooled: false));

    public void EnqueueText(string json) => Enqueue(Encoding.UTF8.GetBytes(json), binary: false);

    public void EnqueueClose(int code, string? reason)
    {
        _closeReceived = true;
        _incoming.Writer.TryWrite(TransportFrame.Close(code, reason));
    }

    public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        if (_closeReceived || ClientCloseCode is not null)
        {
            throw new InvalidOperationException("The in-memory connection is closed.");
        }

        Interlocked.Increment(ref _sent);
        if (RecordSends)
        {
            using var document = System.Text.Json.JsonDocument.Parse(utf8Json);
            if (document.RootElement.TryGetProperty("toolResponse", out System.Text.Json.JsonElement toolResponse))
            {
                foreach (System.Text.Json.JsonElement response in toolResponse.GetProperty("functionResponses").EnumerateArray())
                {
                    ToolResponseIds.Enqueue(response.GetProperty("id").GetString()!);
                }
            }
        }
        if (utf8Json.Span.IndexOf("\"setup\""u8) == 1)
        {
            EnqueueText("{\"setupComplete\":{}}");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_incoming.Reader.TryRead(out TransportFrame? frame))
        {
            return ValueTask.FromResult(frame);
        }

        return ReadSlowAsync(cancellationToken);
    }

    public ValueTask CloseAsync(int closeCode, string? reason, CancellationToken cancellationToken)
    {
        CloseCount++;
        ClientCloseCode ??= closeCode;
        if (!_closeReceived && EchoClose)
        {
            _closeReceived = true;
            _incoming.Writer.TryWrite(TransportFrame.Close(closeCode, reason));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<TransportFrame> ReadSlowAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _incoming.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return TransportFrame.Close(1006, null);
        }
    }
}
