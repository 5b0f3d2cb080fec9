using System.Net;
using System.Net.Sockets;

namespace Live.Reliability.Tests.Network;

/// <summary>
/// A Live API server of the test's own on 127.0.0.1: each accepted connection gets a <see cref="RawPeer"/> and is handed
/// to the test's handler (with its index, 1 for the first), which decides how the server behaves.
/// </summary>
internal sealed class RawLiveServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawPeer, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<RawPeer> _peers = [];
    private readonly List<Task> _handlers = [];
    private readonly Task _accepting;

    public RawLiveServer(Func<RawPeer, Task> handler)
    {
        _handler = handler;
        _listener.Start();
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>The connections so far.</summary>
    public IReadOnlyList<RawPeer> Peers
    {
        get
        {
            lock (_peers)
            {
                return [.. _peers];
            }
        }
    }

    /// <summary>Errors of the handlers (a test asserts none).</summary>
    public List<Exception> Errors { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default);
        foreach (RawPeer peer in Peers)
        {
            await peer.DisposeAsync();
        }

        Task[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        await Task.WhenAll(handlers).ContinueWith(static _ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task AcceptLoopAsync()
    {
        int index = 0;
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            var peer = new RawPeer(client, ++index);
            lock (_peers)
            {
                _peers.Add(peer);
            }

            Task handling = Task.Run(async () =>
            {
                try
                {
                    await peer.AcceptUpgradeAsync(_stop.Token);
                    await _handler(peer);
                }
                catch (Exception ex) when (!_stop.IsCancellationRequested)
                {
                    lock (Errors)
                    {
                        Errors.Add(ex);
                    }
                }
                catch (Exception)
                {
                }
            });
            lock (_handlers)
            {
                _handlers.Add(handling);
            }
        }
    }
}
