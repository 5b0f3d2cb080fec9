using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Live.ToolLoopTests;

/// <summary>
/// The same server as <see cref="LoopbackServer"/>, without a socket: the client's WebSocket and the server's are the two
/// ends of a pair of in-memory pipes, plugged in through <see cref="ClientOptions.WebSocketFactory"/>.
/// </summary>
internal sealed class InMemoryServer : ITestServer
{
    private readonly Channel<ServerConnection> _connections = Channel.CreateUnbounded<ServerConnection>();
    private readonly List<ServerConnection> _all = new();

    public Client CreateClient(Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions
        {
            ApiKey = "TEST_KEY",
            BaseUrl = new Uri("http://127.0.0.1:9/"),
            WebSocketFactory = (_, _, _) =>
            {
                var toServer = new Pipe();
                var toClient = new Pipe();
                WebSocket client = WebSocket.CreateFromStream(new DuplexStream(toClient.Reader, toServer.Writer), isServer: false, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
                WebSocket server = WebSocket.CreateFromStream(new DuplexStream(toServer.Reader, toClient.Writer), isServer: true, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
                var connection = new ServerConnection(server);
                lock (_all)
                {
                    _all.Add(connection);
                }

                _ = connection.RunAsync();
                _connections.Writer.TryWrite(connection);
                return ValueTask.FromResult(client);
            },
        };
        configure?.Invoke(options);
        return new Client(options);
    }

    public Task<ServerConnection> AcceptAsync(TimeSpan? timeout = null) => ServerConnection.AcceptAsync(_connections.Reader, timeout);

    public ValueTask DisposeAsync()
    {
        lock (_all)
        {
            foreach (ServerConnection connection in _all)
            {
                connection.Abort();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A stream that reads from one pipe and writes to another.</summary>
    private sealed class DuplexStream(PipeReader reader, PipeWriter writer) : Stream
    {
        private readonly Stream _read = reader.AsStream();
        private readonly Stream _write = writer.AsStream();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => _write.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _write.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => _read.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _read.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _read.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _write.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _write.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _write.WriteAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _read.Dispose();
                _write.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A Live API server the tool-loop tests drive: over a loopback socket or in memory.</summary>
internal interface ITestServer : IAsyncDisposable
{
    Client CreateClient(Action<ClientOptions>? configure = null);

    Task<ServerConnection> AcceptAsync(TimeSpan? timeout = null);
}
