using Live.Tools;

namespace Live.Extensions.Tests;

/// <summary>Counts instances and disposals of the scoped services below.</summary>
public sealed class Tracker
{
    private int _next;
    private readonly List<int> _disposed = new();

    public int Next() => Interlocked.Increment(ref _next);

    public void Disposed(int id)
    {
        lock (_disposed)
        {
            _disposed.Add(id);
        }
    }

    public IReadOnlyList<int> DisposedIds
    {
        get
        {
            lock (_disposed)
            {
                return _disposed.ToArray();
            }
        }
    }
}

/// <summary>A scoped service shared by every call of a session (say, a unit of work).</summary>
public sealed class SessionState : IDisposable
{
    private readonly Tracker _tracker;

    public SessionState(Tracker tracker)
    {
        _tracker = tracker;
        Id = 1000 + tracker.Next();
    }

    public int Id { get; }

    public void Dispose() => _tracker.Disposed(Id);
}

/// <summary>A scoped service each call gets afresh (say, a DbContext), disposed asynchronously.</summary>
public sealed class CallState : IAsyncDisposable
{
    private readonly Tracker _tracker;

    public CallState(Tracker tracker)
    {
        _tracker = tracker;
        Id = tracker.Next();
    }

    public int Id { get; }

    public bool IsDisposed { get; private set; }

    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        _tracker.Disposed(Id);
        return default;
    }
}

/// <summary>Tools created once per session.</summary>
public partial class SessionTools
{
    private readonly SessionState _state;

    public SessionTools(SessionState state)
    {
        _state = state;
    }

    /// <summary>Tells which session-scoped instance served the call.</summary>
    [LiveTool]
    public int SessionInstance() => _state.Id;
}

/// <summary>Tools created once per call.</summary>
public partial class CallTools
{
    private readonly CallState _state;

    public CallTools(CallState state)
    {
        _state = state;
    }

    /// <summary>Tells which call-scoped instance served the call, and whether it was still alive.</summary>
    [LiveTool]
    public async Task<string> CallInstance(CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return _state.IsDisposed ? "disposed" : "call-" + _state.Id;
    }
}
