using System.Net;
using System.Net.Sockets;

namespace Live.Reliability.Tests.Network;

/// <summary>
/// A TCP relay on 127.0.0.1 between the client and a server, chosen per connection. <see cref="BlackHole"/> makes it
/// stop forwarding in both directions while keeping both sockets open: to both ends it looks like a route that
/// silently drops every packet (no FIN, no RST), without any change to the machine's networking.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, int> _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Task _accepting;
    private readonly List<Route> _routes = [];

    /// <summary>Creates the relay.</summary>
    /// <param name="targetPort">The port to forward the n-th connection (1 for the first) to.</param>
    public TcpRelay(Func<int, int> targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>How many connections were accepted.</summary>
    public int Connections;

    /// <summary>Stops forwarding on every connection open now, for good; later connections flow.</summary>
    public void BlackHole()
    {
        lock (_routes)
        {
            foreach (Route route in _routes)
            {
                route.Holed = true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default);
        lock (_sockets)
        {
            foreach (TcpClient socket in _sockets)
            {
                socket.Dispose();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            int index = Interlocked.Increment(ref Connections);
            var outbound = new TcpClient();
            lock (_sockets)
            {
                _sockets.Add(inbound);
                _sockets.Add(outbound);
            }

            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort(index), _stop.Token);
            }
            catch (Exception)
            {
                inbound.Dispose();
                continue;
            }

            var route = new Route();
            lock (_routes)
            {
                _routes.Add(route);
            }

            _ = PumpAsync(route, inbound, outbound);
            _ = PumpAsync(route, outbound, inbound);
        }
    }

    private async Task PumpAsync(Route route, TcpClient fromSocket, TcpClient toSocket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            NetworkStream from = fromSocket.GetStream();
            NetworkStream to = toSocket.GetStream();
            while (!_stop.IsCancellationRequested)
            {
                int read = route.Holed ? -1 : await from.ReadAsync(buffer, _stop.Token);
                if (route.Holed || read < 0)
                {
                    // Black-holed: nothing more is read or written, and no socket is closed.
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                if (read == 0)
                {
                    toSocket.Client.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception)
        {
            fromSocket.Dispose();
            toSocket.Dispose();
        }
    }

    private sealed class Route
    {
        public volatile bool Holed;
    }
}
