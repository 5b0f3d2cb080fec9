namespace Live.Transport;

/// <summary>
/// One thread per process that gives the reader role of a <see cref="ThreadedWebSocketTransport"/> to a new thread when the
/// reading thread was lent to the reader's code for a whole tick (<see cref="PeriodMilliseconds"/>): so a message is read
/// at most about 10 ms late whatever that code does. It ticks only while some reading thread is lent or was lent in the
/// last second, and sleeps otherwise (a lend wakes it); no message costs it a wake-up.
/// </summary>
internal static class ReceiveWatchdog
{
    /// <summary>The tick: a thread lent at two ticks in a row (the same lend) loses the role, so after 5–10 ms.</summary>
    internal const int PeriodMilliseconds = 5;

    private const int IdleTicksBeforeSleeping = 200;

    private static readonly object Lock = new();
    private static readonly AutoResetEvent Wake = new(initialState: false);
    private static ThreadedWebSocketTransport[] s_transports = [];
    private static Thread? s_thread;
    private static int s_sleeping;

    /// <summary>Watches a transport (until <see cref="Unregister"/>).</summary>
    /// <param name="transport">The transport.</param>
    public static void Register(ThreadedWebSocketTransport transport)
    {
        lock (Lock)
        {
            s_transports = [.. s_transports, transport];
            if (s_thread is null)
            {
                s_thread = new Thread(Run) { IsBackground = true, Name = "Live receive watchdog" };
                s_thread.UnsafeStart();
            }
        }
    }

    /// <summary>Stops watching a transport whose reading ended.</summary>
    /// <param name="transport">The transport.</param>
    public static void Unregister(ThreadedWebSocketTransport transport)
    {
        lock (Lock)
        {
            int at = Array.IndexOf(s_transports, transport);
            if (at >= 0)
            {
                ThreadedWebSocketTransport[] rest = new ThreadedWebSocketTransport[s_transports.Length - 1];
                Array.Copy(s_transports, 0, rest, 0, at);
                Array.Copy(s_transports, at + 1, rest, at, rest.Length - at);
                s_transports = rest;
            }
        }
    }

    /// <summary>A reading thread was lent (after it published the lend): wakes the watchdog if it sleeps.</summary>
    public static void OnLend()
    {
        if (Volatile.Read(ref s_sleeping) != 0 && Interlocked.Exchange(ref s_sleeping, 0) != 0)
        {
            Wake.Set();
        }
    }

    private static void Run()
    {
        int idleTicks = 0;
        while (true)
        {
            Thread.Sleep(PeriodMilliseconds);
            idleTicks = Tick() ? 0 : idleTicks + 1;
            if (idleTicks < IdleTicksBeforeSleeping)
            {
                continue;
            }

            // Sleep until a lend, unless one happened while deciding (a lend publishes before it reads the flag, and this
            // side publishes the flag before it looks: one of the two sees the other).
            Interlocked.Exchange(ref s_sleeping, 1);
            if (AnyLent())
            {
                Interlocked.Exchange(ref s_sleeping, 0);
            }
            else
            {
                Wake.WaitOne();
            }

            idleTicks = 0;
        }
    }

    /// <summary>One look at every transport; true when any was lent since the last tick.</summary>
    private static bool Tick()
    {
        bool active = false;
        foreach (ThreadedWebSocketTransport transport in Volatile.Read(ref s_transports))
        {
            long lent = transport.LentRole;
            int count = transport.LendCount;
            if (lent != 0)
            {
                active = true;
                if (lent == transport.SeenRole && count == transport.SeenLendCount)
                {
                    // The same lend as at the last tick: a whole tick without the thread.
                    transport.TakeOver(lent);
                    lent = 0;
                }
            }
            else if (count != transport.SeenLendCount)
            {
                active = true;
            }

            transport.SeenRole = lent;
            transport.SeenLendCount = count;
        }

        return active;
    }

    private static bool AnyLent()
    {
        foreach (ThreadedWebSocketTransport transport in Volatile.Read(ref s_transports))
        {
            if (transport.LentRole != 0)
            {
                return true;
            }
        }

        return false;
    }
}
