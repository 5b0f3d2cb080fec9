using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Live.Session;
using Live.Transport;

namespace Live.Runtime.Tests.Infrastructure;

/// <summary>
/// An in-memory <see cref="ILiveTransport"/>: records every frame the client sends and plays the server's part from
/// frames the test queues. By default it answers <c>setup</c> with <c>setupComplete</c>.
/// </summary>
internal sealed class InMemoryTransport : ILiveTransport
{
    private readonly Channel<TransportFrame> _incoming = Channel.CreateUnbounded<TransportFrame>();
    private readonly List<string> _sent = [];
    private volatile bool _closeReceived;

    /// <summary>What the client sent, as UTF-8 JSON text, in order.</summary>
    public IReadOnlyList<string> SentFrames
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>The endpoint the client connected to.</summary>
    public LiveEndpoint? Endpoint { get; set; }

    /// <summary>How many times the client connected through this transport.</summary>
    public int ConnectCount { get; set; }

    /// <summary>The close the client sent, if any.</summary>
    public int? ClientCloseCode { get; private set; }

    /// <summary>How many close frames the client sent.</summary>
    public int ClientCloseCount { get; private set; }

    /// <summary>Whether the client disposed the transport.</summary>
    public bool Disposed { get; private set; }

    /// <summary>Answers <c>setup</c> with <c>setupComplete</c> (true by default).</summary>
    public bool AutoSetupComplete { get; set; } = true;

    /// <summary>Called with each frame the client sends (after recording it).</summary>
    public Action<string>? OnSend { get; set; }

    public bool IsCloseReceived => _closeReceived;

    public void EnqueueText(string json) => Enqueue(TransportFrameKind.Text, Encoding.UTF8.GetBytes(json));

    public void EnqueueBinary(string json) => Enqueue(TransportFrameKind.Binary, Encoding.UTF8.GetBytes(json));

    public void Enqueue(TransportFrameKind kind, byte[] payload) =>
        _incoming.Writer.TryWrite(TransportFrame.Message(kind, payload, payload.Length, pooled: false));

    /// <summary>Queues a close from the server; sends fail from now on, as with the WebSocket pump.</summary>
    public void EnqueueClose(int code, string? reason)
    {
        _closeReceived = true;
        _incoming.Writer.TryWrite(TransportFrame.Close(code, reason));
    }

    public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        if (_closeReceived || ClientCloseCode is not null || Disposed)
        {
            throw new InvalidOperationException("The in-memory connection is closed.");
        }

        string text = Encoding.UTF8.GetString(utf8Json.Span);
        lock (_sent)
        {
            _sent.Add(text);
        }

        OnSend?.Invoke(text);
        if (AutoSetupComplete && IsSetup(text))
        {
            EnqueueBinary("{\n  \"setupComplete\": {}\n}\n");
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken)
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

    public ValueTask CloseAsync(int closeCode, string? reason, CancellationToken cancellationToken)
    {
        ClientCloseCount++;
        ClientCloseCode ??= closeCode;
        if (!_closeReceived)
        {
            // The server answers a close with the same code.
            _closeReceived = true;
            _incoming.Writer.TryWrite(TransportFrame.Close(closeCode, reason));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private static bool IsSetup(string text)
    {
        using JsonDocument document = JsonDocument.Parse(text);
        return document.RootElement.TryGetProperty("setup", out _);
    }
}
