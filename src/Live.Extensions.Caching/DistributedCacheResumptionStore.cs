using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace Live.Extensions.Caching;

/// <summary>
/// An <see cref="ILiveResumptionStore"/> over an <see cref="IDistributedCache"/>: every instance behind a load
/// balancer sees the latest handle of every conversation, so any of them can resume it after the one that held it
/// restarted or died. With Redis (<c>Microsoft.Extensions.Caching.StackExchangeRedis</c>) a handle written by one
/// process is read by the next within the same round trip.
/// </summary>
/// <remarks>
/// Entries are the handle as UTF-8 under <see cref="DistributedCacheResumptionStoreOptions.KeyPrefix"/> + the
/// conversation key, expiring <see cref="DistributedCacheResumptionStoreOptions.Expiration"/> after their last update.
/// A handle is a credential for the conversation: secure the cache like a session store. Nothing is logged.
/// </remarks>
/// <example>
/// <code>
/// builder.Services.AddStackExchangeRedisCache(o =&gt; o.Configuration = "localhost:6379");
/// builder.Services.AddSingleton&lt;ILiveResumptionStore, DistributedCacheResumptionStore&gt;();
/// </code>
/// </example>
public sealed class DistributedCacheResumptionStore : ILiveResumptionStore
{
    private readonly IDistributedCache _cache;
    private readonly string _prefix;
    private readonly TimeSpan _expiration;

    /// <summary>Creates the store with the default settings.</summary>
    /// <param name="cache">The shared cache.</param>
    public DistributedCacheResumptionStore(IDistributedCache cache)
        : this(cache, new DistributedCacheResumptionStoreOptions())
    {
    }

    /// <summary>Creates the store.</summary>
    /// <param name="cache">The shared cache.</param>
    /// <param name="options">Settings (read once).</param>
    /// <exception cref="ArgumentOutOfRangeException">The expiration is not positive.</exception>
    public DistributedCacheResumptionStore(IDistributedCache cache, DistributedCacheResumptionStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Expiration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Expiration, "DistributedCacheResumptionStoreOptions.Expiration must be positive.");
        }

        _cache = cache;
        _prefix = options.KeyPrefix ?? string.Empty;
        _expiration = options.Expiration;
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetHandleAsync(string sessionKey, CancellationToken cancellationToken = default)
    {
        byte[]? value = await _cache.GetAsync(Key(sessionKey), cancellationToken).ConfigureAwait(false);
        return value is { Length: > 0 } ? Encoding.UTF8.GetString(value) : null;
    }

    /// <inheritdoc />
    public async ValueTask SetHandleAsync(string sessionKey, string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(handle);
        var entry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _expiration };
        await _cache.SetAsync(Key(sessionKey), Encoding.UTF8.GetBytes(handle), entry, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveHandleAsync(string sessionKey, CancellationToken cancellationToken = default) =>
        await _cache.RemoveAsync(Key(sessionKey), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override string ToString() => $"DistributedCacheResumptionStore (prefix '{_prefix}', expiration {_expiration})";

    private string Key(string sessionKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        return _prefix + sessionKey;
    }
}
