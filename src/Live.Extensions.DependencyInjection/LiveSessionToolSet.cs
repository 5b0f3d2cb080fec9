using System.Diagnostics.CodeAnalysis;
using Live.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace Live.DependencyInjection;

/// <summary>
/// The tools of one Live session, built from the container: per-session tool types are resolved once from the
/// session's scope (<see cref="Services"/>), per-call types from a new scope for each call, disposed when the call's
/// response is made. Dispose it when the session ends: that disposes the session's scope. A call's
/// <c>[FromServices]</c> parameters (and <see cref="LiveToolContext.Services"/>) come from the same scope as its
/// instance: the session's for a per-session type, the call's own for a per-call type.
/// </summary>
/// <remarks>
/// Pass it to <c>RunWithToolsAsync</c>/<c>ReceiveWithToolsAsync</c> and its declarations to the setup
/// (<c>LiveConnectConfig.Tools = [tools.ToTool()]</c>). Calls may run concurrently (the tool loop's
/// <c>MaxConcurrency</c>): per-session instances must then be safe for concurrent use, or use
/// <see cref="LiveToolLifetime.PerCall"/>.
/// </remarks>
public sealed class LiveSessionToolSet : ILiveToolSet, IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly IServiceScopeFactory _scopes;
    private readonly Dictionary<string, Owner> _owners = new(StringComparer.Ordinal);
    private readonly List<FunctionDeclaration> _declarations = new();
    private int _disposed;

    private LiveSessionToolSet(AsyncServiceScope scope, IServiceScopeFactory scopes)
    {
        _scope = scope;
        _scopes = scopes;
    }

    /// <summary>The services of the session's scope (what per-session tool types were resolved from).</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <inheritdoc />
    public IReadOnlyList<FunctionDeclaration> FunctionDeclarations => _declarations;

    internal static async ValueTask<LiveSessionToolSet> CreateAsync(IServiceScopeFactory scopes, IEnumerable<LiveToolRegistration> registrations)
    {
        var set = new LiveSessionToolSet(scopes.CreateAsyncScope(), scopes);
        try
        {
            foreach (LiveToolRegistration registration in registrations)
            {
                ILiveToolSet? instance = registration.Singleton
                    ?? (registration.Lifetime == LiveToolLifetime.PerSession ? registration.Resolve(set._scope.ServiceProvider) : null);
                IReadOnlyList<LiveToolInfo> tools = instance is not null
                    ? LiveToolRegistration.Describe(instance, registration.ToolType)
                    : await registration.GetToolsAsync(scopes).ConfigureAwait(false);
                foreach (LiveToolInfo tool in tools)
                {
                    string name = tool.Name;
                    if (set._owners.TryGetValue(name, out Owner? existing))
                    {
                        throw new InvalidOperationException(
                            $"The function name \"{name}\" is declared by both {existing.Registration.ToolType.Name} and {registration.ToolType.Name}; tool names must be unique in a session.");
                    }

                    set._owners.Add(name, new Owner(registration, instance, tool));
                    set._declarations.Add(tool.Declaration);
                }
            }
        }
        catch
        {
            await set.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return set;
    }

    /// <inheritdoc />
    public bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool)
    {
        if (name is not null && _owners.TryGetValue(name, out Owner? owner))
        {
            tool = owner.Tool;
            return true;
        }

        tool = null;
        return false;
    }

    /// <inheritdoc />
    public async ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        if (call is null)
        {
            throw new ArgumentNullException(nameof(call));
        }

        if (call.Name is null || !_owners.TryGetValue(call.Name, out Owner? owner))
        {
            return LiveToolResponses.UnknownFunction(call, _owners.Keys);
        }

        if (owner.Instance is { } instance)
        {
            // [FromServices] parameters of a per-session (or shared) set come from the session's scope.
            return await instance.InvokeWithServicesAsync(call, _scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        }

        AsyncServiceScope scope = _scopes.CreateAsyncScope();
        try
        {
            ILiveToolSet tool;
            try
            {
                tool = owner.Registration.Resolve(scope.ServiceProvider);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A service that cannot be built is the tool's failure, not the session's: the model gets an error.
                return LiveToolResponses.FromException(call, exception);
            }

            return await tool.InvokeWithServicesAsync(call, scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the session's scope (and the per-session tool instances in it).</summary>
    /// <returns>A task that completes when the scope is disposed.</returns>
    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? _scope.DisposeAsync() : default;

    private sealed record Owner(LiveToolRegistration Registration, ILiveToolSet? Instance, LiveToolInfo Tool);
}
