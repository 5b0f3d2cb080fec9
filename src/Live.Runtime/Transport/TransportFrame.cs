using System.Buffers;

namespace Live.Transport;

/// <summary>
/// One whole message received, or the close. The payload may live in a pooled buffer: read it before
/// <see cref="Dispose"/>, which returns the buffer.
/// </summary>
internal sealed class TransportFrame : IDisposable
{
    private byte[]? _buffer;
    private readonly bool _pooled;

    private TransportFrame(TransportFrameKind kind, byte[]? buffer, int length, bool pooled, int? closeCode, string? closeReason)
    {
        Kind = kind;
        _buffer = buffer;
        Length = length;
        _pooled = pooled;
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    public TransportFrameKind Kind { get; }

    public int Length { get; }

    /// <summary>The message bytes (empty for a close).</summary>
    public ReadOnlyMemory<byte> Payload => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, Length);

    /// <summary>The close code (1005 when the close frame had none).</summary>
    public int? CloseCode { get; }

    public string? CloseReason { get; }

    public static TransportFrame Message(TransportFrameKind kind, byte[] buffer, int length, bool pooled) =>
        new(kind, buffer, length, pooled, null, null);

    public static TransportFrame Close(int code, string? reason) =>
        new(TransportFrameKind.Close, null, 0, false, code, reason);

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && _pooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
