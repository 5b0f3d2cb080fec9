namespace Live.Extensions.Caching;

/// <summary>Settings of a <see cref="DistributedCacheResumptionStore"/>.</summary>
public sealed class DistributedCacheResumptionStoreOptions
{
    /// <summary>The default of <see cref="KeyPrefix"/>: <c>live:resumption:</c>.</summary>
    public const string DefaultKeyPrefix = "live:resumption:";

    /// <summary>The default of <see cref="Expiration"/>: two hours, how long the Gemini API keeps a handle resumable after the connection ends.</summary>
    public static readonly TimeSpan DefaultExpiration = TimeSpan.FromHours(2);

    /// <summary>Put before each conversation key in the cache, so entries do not collide with the application's own.</summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>How long an entry lives after its last update (each new handle restarts it).</summary>
    public TimeSpan Expiration { get; set; } = DefaultExpiration;
}
