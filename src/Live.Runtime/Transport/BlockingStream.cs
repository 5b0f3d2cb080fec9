using System.Net.Sockets;

namespace Live.Transport;

/// <summary>
/// The stream under <see cref="ThreadedWebSocketTransport"/>'s WebSocket: its asynchronous reads and writes are the blocking
/// ones, done on the calling thread and returned as completed tasks, so the socket is never used asynchronously (on Unix one
/// asynchronous operation would switch it to non-blocking mode for good, and every later call would wait through the socket
/// engine's thread). Bytes the handshake read past the response header come first.
/// </summary>
/// <remarks>
/// Disposing it disposes the socket first, which makes a read or write blocked on another thread return (the runtime shuts
/// the socket down), then the stream over it.
/// </remarks>
internal sealed class BlockingStream : Stream
{
    /// <summary>
    /// The largest write done on the caller's thread (a WebSocket frame: header and payload in one write). Smaller ones fit
    /// in the socket's send buffer unless the peer stopped reading; then the caller waits until the keep-alive, a
    /// cancellation or the close timeout aborts the connection.
    /// </summary>
    internal const int SynchronousWriteLimit = 64 * 1024;

    private const int ReadBufferSize = 16 * 1024;

    private readonly Socket _socket;
    private readonly byte[]? _readBuffer;
    private int _readOffset;
    private int _readCount;
    private readonly Stream _inner;
    private byte[]? _pending;
    private int _pendingOffset;
    private int _pendingCount;

    /// <summary>Wraps the connected socket's stream.</summary>
    /// <param name="socket">The socket (blocking mode).</param>
    /// <param name="inner">The stream over it: a <see cref="NetworkStream"/>, or the TLS stream over one.</param>
    /// <param name="pending">Bytes already read past the handshake's response header (the WebSocket's first bytes).</param>
    /// <param name="offset">Where they start.</param>
    /// <param name="count">How many.</param>
    /// <param name="buffered">
    /// Whether to read through a buffer of its own: for a plain socket, so that the WebSocket's small reads (a frame header,
    /// then the payload) take one system call for a small message, or for several; a TLS stream buffers already.
    /// </param>
    public BlockingStream(Socket socket, Stream inner, byte[] pending, int offset, int count, bool buffered)
    {
        _socket = socket;
        _inner = inner;
        _readBuffer = buffered ? new byte[ReadBufferSize] : null;
        if (count > 0)
        {
            _pending = pending;
            _pendingOffset = offset;
            _pendingCount = count;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pending is { } pending)
        {
            int n = Math.Min(buffer.Length, _pendingCount);
            pending.AsSpan(_pendingOffset, n).CopyTo(buffer);
            _pendingOffset += n;
            _pendingCount -= n;
            if (_pendingCount == 0)
            {
                _pending = null;
            }

            return n;
        }

        if (_readBuffer is not { } readBuffer)
        {
            return _inner.Read(buffer);
        }

        if (_readCount == 0)
        {
            if (buffer.Length >= readBuffer.Length)
            {
                return _inner.Read(buffer);
            }

            int read = _inner.Read(readBuffer);
            if (read == 0)
            {
                return 0;
            }

            _readOffset = 0;
            _readCount = read;
        }

        int taken = Math.Min(buffer.Length, _readCount);
        readBuffer.AsSpan(_readOffset, taken).CopyTo(buffer);
        _readOffset += taken;
        _readCount -= taken;
        return taken;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return new ValueTask<int>(Read(buffer.Span));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length > SynchronousWriteLimit)
        {
            // Larger than a socket's send buffer is sure to hold: written by a thread of its own (started at once, whatever
            // the pool is doing), so a peer that stops reading leaves the caller with a pending send (which its token can
            // cancel, aborting the connection) instead of a blocked thread. The WebSocket keeps the buffer until the task
            // completes.
            return new ValueTask(Task.Factory.StartNew(
                static state =>
                {
                    var (inner, bytes) = ((Stream, ReadOnlyMemory<byte>))state!;
                    inner.Write(bytes.Span);
                },
                (_inner, buffer),
                CancellationToken.None,
                TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default));
        }

        try
        {
            _inner.Write(buffer.Span);
            return default;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            _inner.Flush();
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _socket.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
