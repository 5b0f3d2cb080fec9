using Live.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace Live.DependencyInjection;

/// <summary>One tool type or tool set registered with <see cref="LiveClientBuilder"/>.</summary>
internal sealed class LiveToolRegistration
{
    private IReadOnlyList<LiveToolInfo>? _tools;

    public LiveToolRegistration(Type toolType, LiveToolLifetime lifetime, Func<IServiceProvider, ILiveToolSet> resolve)
    {
        ToolType = toolType;
        Lifetime = lifetime;
        Resolve = resolve;
    }

    public Type ToolType { get; }

    public LiveToolLifetime Lifetime { get; }

    public Func<IServiceProvider, ILiveToolSet> Resolve { get; }

    /// <summary>The tools, when known without an instance (a generated factory's <c>LiveToolInfos</c>).</summary>
    public IReadOnlyList<LiveToolInfo>? Tools
    {
        get => _tools;
        init => _tools = value;
    }

    /// <summary>A shared set (a static class's set, AIFunctions): the same instance for every session.</summary>
    public ILiveToolSet? Singleton { get; init; }

    /// <summary>
    /// The tools (declaration, timeout, behavior) of a per-call type: the generated factory's, or, for a type registered
    /// with a factory of the user's, those of one instance resolved (the first time they are needed) in a scope that is
    /// disposed right away.
    /// </summary>
    public async ValueTask<IReadOnlyList<LiveToolInfo>> GetToolsAsync(IServiceScopeFactory scopes)
    {
        if (Volatile.Read(ref _tools) is { } known)
        {
            return known;
        }

        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        IReadOnlyList<LiveToolInfo> tools = Describe(Resolve(scope.ServiceProvider), ToolType);
        Volatile.Write(ref _tools, tools);
        return tools;
    }

    /// <summary>The tools of a set, one per declaration.</summary>
    public static IReadOnlyList<LiveToolInfo> Describe(ILiveToolSet set, Type toolType)
    {
        var tools = new List<LiveToolInfo>(set.FunctionDeclarations.Count);
        foreach (FunctionDeclaration declaration in set.FunctionDeclarations)
        {
            string name = declaration.Name ?? throw new InvalidOperationException($"{toolType.Name} has a declaration without a name.");
            tools.Add(set.TryGetTool(name, out LiveToolInfo? info) ? info : new LiveToolInfo(declaration));
        }

        return tools;
    }
}
