using System.Text;
using Live.Transport;

namespace Live.Benchmarks.Support;

/// <summary>
/// An in-memory transport that answers the setup with <c>setupComplete</c> and then drops every sent frame (keeping
/// only the last one's length, and a copy when asked), so a session's send path can be timed without a socket.
/// </summary>
internal sealed class NullTransport : ILiveTransport
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _received;

    public bool IsCloseReceived => false;

    public int LastLength { get; private set; }

    public bool Capture { get; set; }

    public byte[]? Captured { get; private set; }

    public static async Task<(AsyncSession Session, NullTransport Transport)> ConnectAsync()
    {
        var transport = new NullTransport();
        var options = new ClientOptions
        {
            ApiKey = "BENCH_KEY",
            TransportFactory = (_, _, _) => new ValueTask<ILiveTransport>(transport),
        };
        AsyncSession session = await new Client(options).Live.ConnectAsync("gemini-live-2.5-flash-preview");
        return (session, transport);
    }

    public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        LastLength = utf8Json.Length;
        if (Capture)
        {
            Captured = utf8Json.ToArray();
        }

        return default;
    }

    public async ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _received) == 1)
        {
            byte[] setup = Encoding.UTF8.GetBytes("""{"setupComplete":{}}""");
            return TransportFrame.Message(TransportFrameKind.Text, setup, setup.Length, pooled: false);
        }

        await _closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return TransportFrame.Close(1000, null);
    }

    public ValueTask CloseAsync(int closeCode, string? reason, CancellationToken cancellationToken)
    {
        _closed.TrySetResult();
        return default;
    }

    public ValueTask DisposeAsync()
    {
        _closed.TrySetResult();
        return default;
    }
}
