using Microsoft.Extensions.DependencyInjection;

namespace Live.DependencyInjection;

/// <summary>
/// Builds the tools of each Live session from the tool types registered with <see cref="LiveClientBuilder"/>.
/// Registered as a singleton by <c>AddLiveClient</c>.
/// </summary>
public sealed class LiveToolProvider
{
    private readonly IServiceScopeFactory _scopes;
    private readonly LiveToolRegistration[] _registrations;

    /// <summary>Creates the provider (the container does this).</summary>
    /// <param name="scopes">The container's scope factory.</param>
    /// <param name="registrations">The registered tool types.</param>
    internal LiveToolProvider(IServiceScopeFactory scopes, IEnumerable<LiveToolRegistration> registrations)
    {
        _scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
        _registrations = registrations.ToArray();
    }

    /// <summary>The registered tool types, in registration order.</summary>
    public IReadOnlyList<Type> ToolTypes => _registrations.Select(r => r.ToolType).ToArray();

    /// <summary>
    /// Creates the tools of one session: a new scope for the session, per-session tool types resolved from it. Dispose
    /// the result when the session ends.
    /// </summary>
    /// <param name="cancellationToken">Not used yet; present for future asynchronous resolution.</param>
    /// <returns>The session's tool set.</returns>
    /// <exception cref="InvalidOperationException">Two registered types declare the same function name.</exception>
    public ValueTask<LiveSessionToolSet> CreateSessionToolSetAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return LiveSessionToolSet.CreateAsync(_scopes, _registrations);
    }
}
