namespace Live;

/// <summary>
/// Keeps the resumption handle of each conversation outside the process, so that a session can be resumed by another
/// process or machine (a restart, a deploy, a load balancer sending the caller elsewhere). The handle is a credential:
/// implementations must not log it. Used by <see cref="LiveResumptionExtensions.ConnectOrResumeAsync"/> and
/// <see cref="LiveResumptionExtensions.SaveResumptionHandleAsync"/>.
/// </summary>
/// <remarks>
/// Keys are the application's conversation ids (a call id, a user id plus a tab, …). The Gemini API keeps a handle
/// resumable for a limited time after the connection ends (two hours at the time of writing); a store should expire
/// entries after about that long. <see cref="InMemoryLiveResumptionStore"/> is the in-process implementation;
/// <c>Live.Extensions.Caching</c> has one over <c>IDistributedCache</c> (Redis, SQL Server, …).
/// </remarks>
public interface ILiveResumptionStore
{
    /// <summary>The latest handle of a conversation.</summary>
    /// <param name="sessionKey">The conversation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The handle, or null when none is stored (or it expired).</returns>
    ValueTask<string?> GetHandleAsync(string sessionKey, CancellationToken cancellationToken = default);

    /// <summary>Stores the latest handle of a conversation, replacing the previous one.</summary>
    /// <param name="sessionKey">The conversation.</param>
    /// <param name="handle">The handle.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the handle is stored.</returns>
    ValueTask SetHandleAsync(string sessionKey, string handle, CancellationToken cancellationToken = default);

    /// <summary>Forgets a conversation (it ended, or its handle was refused).</summary>
    /// <param name="sessionKey">The conversation.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>A task that completes when the entry is gone.</returns>
    ValueTask RemoveHandleAsync(string sessionKey, CancellationToken cancellationToken = default);
}
