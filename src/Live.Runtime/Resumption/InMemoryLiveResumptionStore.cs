using System.Collections.Concurrent;

namespace Live;

/// <summary>
/// An <see cref="ILiveResumptionStore"/> in this process's memory: survives a dropped connection, not a restart. For
/// one instance and for tests; use a shared store (<c>Live.Extensions.Caching</c>) behind a load balancer.
/// </summary>
public sealed class InMemoryLiveResumptionStore : ILiveResumptionStore
{
    private readonly ConcurrentDictionary<string, string> _handles = new(StringComparer.Ordinal);

    /// <summary>How many conversations have a handle.</summary>
    public int Count => _handles.Count;

    /// <inheritdoc />
    public ValueTask<string?> GetHandleAsync(string sessionKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        return new(_handles.TryGetValue(sessionKey, out string? handle) ? handle : null);
    }

    /// <inheritdoc />
    public ValueTask SetHandleAsync(string sessionKey, string handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        ArgumentException.ThrowIfNullOrEmpty(handle);
        _handles[sessionKey] = handle;
        return default;
    }

    /// <inheritdoc />
    public ValueTask RemoveHandleAsync(string sessionKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        _handles.TryRemove(sessionKey, out _);
        return default;
    }

    /// <inheritdoc />
    public override string ToString() => $"InMemoryLiveResumptionStore ({Count} conversation(s))";
}
