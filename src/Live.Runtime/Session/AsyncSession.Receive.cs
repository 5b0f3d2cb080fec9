using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Live.Logging;
using Live.Session;

namespace Live;

public sealed partial class AsyncSession
{
    /// <summary>
    /// Every message the service sends, across turns, until the session closes: <c>setupComplete</c> first (with any
    /// message that arrived before it, in arrival order), then content, tool calls, transcriptions, usage, … It does not
    /// stop at <see cref="LiveServerContent.TurnComplete"/>. With session resumption it goes on across connections
    /// (the <c>setupComplete</c> of a resumed connection is not delivered; see the remarks of <see cref="AsyncSession"/>).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; no message is lost, and a new call goes on where this one stopped.</param>
    /// <returns>The messages.</returns>
    /// <exception cref="InvalidOperationException">Another <see cref="ReceiveAsync"/> is reading the session.</exception>
    /// <exception cref="LiveClientException">The service closed the session because of the request (1007, 1008, 4000–4999, …).</exception>
    /// <exception cref="LiveServerException">The service failed or the connection broke (1011, 1006, …).</exception>
    /// <exception cref="LiveProtocolException">A frame could not be read (see <see cref="LiveProtocolException.IsFatal"/>).</exception>
    /// <exception cref="LiveResumptionException">With session resumption: the connection was lost and the session could not be resumed (the message says why).</exception>
    public async IAsyncEnumerable<LiveServerMessage> ReceiveAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _reading, 1, 0) != 0)
        {
            throw new InvalidOperationException("Another ReceiveAsync is already reading this session; only one reader at a time is supported.");
        }

        try
        {
            while (true)
            {
                ReceivedFrame next = await ReadNextAsync(pooled: false, cancellationToken).ConfigureAwait(false);
                if (next.Message is not { } message)
                {
                    yield break;
                }

                yield return message;
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>
    /// <see cref="ReceiveAsync"/> with pooled inline data: the same messages, in the same order, with the same errors, but
    /// each one in a <see cref="LiveServerMessageLease"/> whose audio and other inline bytes may be in arrays rented from
    /// <see cref="System.Buffers.ArrayPool{T}.Shared"/> instead of new arrays. Dispose each lease once its bytes have been
    /// used, and do not keep them (or spans of them) past that: the pool hands the arrays out again. For a stream of
    /// audio this removes an allocation of the chunk's size per message.
    /// </summary>
    /// <remarks>
    /// Only the bytes of <see cref="Blob.Data"/> are pooled, and only for messages read while this enumeration waits
    /// (a message that arrived before <c>setupComplete</c>, or any frame in a form the fast reader leaves to the
    /// serializer, comes with ordinary arrays; see <see cref="LiveServerMessageLease.HasPooledData"/>). A lease never
    /// disposed only costs the pool its arrays. <see cref="ReceiveAsync"/> and this method share the one-reader rule.
    /// </remarks>
    /// <param name="cancellationToken">Stops waiting; no message is lost, and a new call goes on where this one stopped.</param>
    /// <returns>The messages, each in a lease to dispose.</returns>
    /// <exception cref="InvalidOperationException">Another <see cref="ReceiveAsync"/> or <see cref="ReceivePooledAsync"/> is reading the session.</exception>
    /// <exception cref="LiveClientException">The service closed the session because of the request (1007, 1008, 4000–4999, …).</exception>
    /// <exception cref="LiveServerException">The service failed or the connection broke (1011, 1006, …).</exception>
    /// <exception cref="LiveProtocolException">A frame could not be read (see <see cref="LiveProtocolException.IsFatal"/>).</exception>
    /// <exception cref="LiveResumptionException">With session resumption: the connection was lost and the session could not be resumed (the message says why).</exception>
    public async IAsyncEnumerable<LiveServerMessageLease> ReceivePooledAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _reading, 1, 0) != 0)
        {
            throw new InvalidOperationException("Another ReceiveAsync is already reading this session; only one reader at a time is supported.");
        }

        try
        {
            while (true)
            {
                ReceivedFrame next = await ReadNextAsync(pooled: true, cancellationToken).ConfigureAwait(false);
                if (next.Message is not { } message)
                {
                    yield break;
                }

                yield return next.Lease ?? new LiveServerMessageLease(message);
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>The next message (with its lease when read pooled); no message at a normal end.</summary>
    private async ValueTask<ReceivedFrame> ReadNextAsync(bool pooled, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_pending.Count > 0)
            {
                PendingMessage item = _pending.Dequeue();
                item.Error?.Throw();
                return ReceivedFrame.FromMessage(Deliver(item.Message!));
            }

            if (_ended)
            {
                _terminalError?.Throw();
                return default;
            }

            if (_resumeTask is { } resuming)
            {
                try
                {
                    await resuming.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The resumption goes on; the next ReceiveAsync waits for it again.
                    throw;
                }
                catch (Exception) when (resuming.IsCompleted)
                {
                    // Failed (the session ended with the reason) or stopped by CloseAsync.
                    _resumeTask = null;
                    _resuming = false;
                    if (!_ended)
                    {
                        End(null);
                    }

                    continue;
                }

                _resumeTask = null;
                foreach (PendingMessage buffered in resuming.Result)
                {
                    _pending.Enqueue(buffered);
                }

                continue;
            }

            LiveConnection connection = _connection;
            ReceivedFrame received;
            try
            {
                received = await connection.ReceiveAsync(pooled, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception) when (Volatile.Read(ref _closeRequested) != 0)
            {
                // Closed by this side: whatever the broken connection reports is the expected end.
                End(null);
                return default;
            }
            catch (LiveProtocolException ex) when (!ex.IsFatal)
            {
                throw;
            }
            catch (LiveServerException ex) when (ResumptionEnabled)
            {
                if (TryStartResumption(connection, ex) is { } failed)
                {
                    End(failed);
                    throw failed;
                }

                continue;
            }
            catch (LiveException ex)
            {
                End(ex);
                throw;
            }

            if (!received.IsClose)
            {
                return ReceivedFrame.FromMessage(Deliver(received.Message!), received.Lease);
            }

            int code = received.CloseCode ?? 1005;
            if (Volatile.Read(ref _closeRequested) != 0)
            {
                End(null);
                return default;
            }

            SessionLog.ServerClosed(_logger, code, received.CloseReason);
            if (code == 1000)
            {
                End(null);
                return default;
            }

            LiveException closed = LiveException.FromClose(code, received.CloseReason, beforeSetupComplete: false);
            if (closed is LiveServerException && ResumptionEnabled)
            {
                if (TryStartResumption(connection, closed) is { } failed)
                {
                    End(failed);
                    throw failed;
                }

                continue;
            }

            End(closed);
            throw closed;
        }
    }

    private void End(Exception? error)
    {
        _terminalError = error is null ? null : ExceptionDispatchInfo.Capture(error);
        _ended = true;
        SignalConnectionChanged();
    }
}
