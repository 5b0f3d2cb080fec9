using System.Buffers;

namespace Live;

/// <summary>
/// A message from <see cref="AsyncSession.ReceivePooledAsync"/> whose inline data (the model's audio, for example)
/// may live in arrays rented from <see cref="ArrayPool{T}.Shared"/>. Dispose it once the message's bytes have been
/// used (played, copied, written out) to give the arrays back, so that a stream of audio allocates no new arrays.
/// </summary>
/// <remarks>
/// <para>
/// After <see cref="Dispose"/> the pooled bytes belong to the pool again: every <see cref="Blob.Data"/> that held them
/// is set to empty and <see cref="LiveServerMessage.Data"/> is computed anew, but a <see cref="ReadOnlyMemory{T}"/> or
/// span taken from them before is no longer the message's and must not be used (it may hold other data). Copy
/// what has to outlive the lease. The rest of <see cref="Message"/> (text, tool calls, signals, …) is ordinary managed
/// memory and stays valid.
/// </para>
/// <para>
/// A lease that is never disposed is not a leak: its arrays are collected like any others and the pool rents new
/// ones. Disposing twice, or from another thread than the one that received it, is safe.
/// </para>
/// </remarks>
public sealed class LiveServerMessageLease : IDisposable
{
    private readonly ArrayPool<byte>? _pool;
    private LiveServerMessage? _message;
    private Blob? _firstBlob;
    private byte[]? _firstArray;
    private List<(Blob Blob, byte[] Array)>? _more;
    private int _disposed;

    /// <summary>A lease of a message without pooled data (read before <c>setupComplete</c>, or by the source-generated parse).</summary>
    internal LiveServerMessageLease(LiveServerMessage message)
    {
        _message = message;
    }

    /// <summary>A lease that records the arrays a parse rents from <paramref name="pool"/>; its message is set when the parse ends.</summary>
    internal LiveServerMessageLease(ArrayPool<byte> pool)
    {
        _pool = pool;
    }

    /// <summary>The message. Its pooled inline data is valid until the lease is disposed.</summary>
    public LiveServerMessage Message => _message ?? throw new InvalidOperationException("The lease holds no message.");

    /// <summary>Whether any of the message's inline data is in pooled arrays (false once disposed).</summary>
    public bool HasPooledData => Volatile.Read(ref _disposed) == 0 && _firstArray is not null;

    /// <summary>Gives the pooled arrays back; the message's pooled <see cref="Blob.Data"/> become empty.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _firstArray is null || _pool is null)
        {
            return;
        }

        Release(_firstBlob!, _firstArray);
        _firstBlob = null;
        _firstArray = null;
        if (_more is { } more)
        {
            foreach ((Blob blob, byte[] array) in more)
            {
                Release(blob, array);
            }

            _more = null;
        }

        _message?.ForgetInlineData();
    }

    /// <inheritdoc />
    public override string ToString() => $"LiveServerMessageLease ({(HasPooledData ? "pooled" : "not pooled")}): {_message}";

    /// <summary>Sets the message once the parse ended.</summary>
    internal void SetMessage(LiveServerMessage message) => _message = message;

    /// <summary>Records an array rented for <paramref name="blob"/>'s data.</summary>
    internal void Add(Blob blob, byte[] array)
    {
        if (_firstArray is null)
        {
            _firstBlob = blob;
            _firstArray = array;
            return;
        }

        (_more ??= []).Add((blob, array));
    }

    private void Release(Blob blob, byte[] array)
    {
        blob.Data = ReadOnlyMemory<byte>.Empty;
        _pool!.Return(array);
    }
}
