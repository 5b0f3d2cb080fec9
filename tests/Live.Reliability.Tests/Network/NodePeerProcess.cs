using System.Diagnostics;

namespace Live.Reliability.Tests.Network;

/// <summary>
/// The well-behaved peer of <c>peer-server.js</c> in a child Node.js process on 127.0.0.1, which a test can freeze with
/// SIGSTOP: its sockets stay open in the kernel (TCP still acknowledges), but nothing answers any more.
/// </summary>
internal sealed class NodePeerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodePeerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<NodePeerProcess> StartAsync()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Network", "peer-server.js");
        var start = new ProcessStartInfo("node", [script]) { RedirectStandardOutput = true, UseShellExecute = false };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("peer-server.js did not report its port: " + line);
        }

        return new NodePeerProcess(process, int.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Stops the process (SIGSTOP).</summary>
    public Task StopAsync() => SignalAsync("-STOP");

    public async ValueTask DisposeAsync()
    {
        await SignalAsync("-CONT");
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        using Process kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
