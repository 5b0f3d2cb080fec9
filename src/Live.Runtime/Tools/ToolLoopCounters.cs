namespace Live;

/// <summary>
/// Counts what the tool loop creates and releases, so tests can prove that no call, token source or timer outlives it.
/// Attached through <see cref="LiveToolOptions.Counters"/>; internal.
/// </summary>
internal sealed class ToolLoopCounters
{
    private long _callsStarted;
    private long _callsEnded;
    private long _callsCancelled;
    private long _tokenSourcesCreated;
    private long _tokenSourcesDisposed;
    private long _timersStarted;
    private long _timersDisposed;
    private long _responsesSent;

    public long CallsStarted => Interlocked.Read(ref _callsStarted);

    public long CallsEnded => Interlocked.Read(ref _callsEnded);

    public long CallsCancelled => Interlocked.Read(ref _callsCancelled);

    public long TokenSourcesCreated => Interlocked.Read(ref _tokenSourcesCreated);

    public long TokenSourcesDisposed => Interlocked.Read(ref _tokenSourcesDisposed);

    public long TimersStarted => Interlocked.Read(ref _timersStarted);

    public long TimersDisposed => Interlocked.Read(ref _timersDisposed);

    public long ResponsesSent => Interlocked.Read(ref _responsesSent);

    public void OnCallStarted() => Interlocked.Increment(ref _callsStarted);

    public void OnCallEnded(bool cancelled)
    {
        if (cancelled)
        {
            Interlocked.Increment(ref _callsCancelled);
        }

        Interlocked.Increment(ref _callsEnded);
    }

    public void OnTokenSourceCreated() => Interlocked.Increment(ref _tokenSourcesCreated);

    public void OnTimerStarted() => Interlocked.Increment(ref _timersStarted);

    public void OnTokenSourceDisposed(bool hadTimer)
    {
        Interlocked.Increment(ref _tokenSourcesDisposed);
        if (hadTimer)
        {
            Interlocked.Increment(ref _timersDisposed);
        }
    }

    public void OnResponsesSent(int count) => Interlocked.Add(ref _responsesSent, count);
}
