using Live.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Live.DependencyInjection;

/// <summary>Registers the tools of the Live client added by <c>AddLiveClient</c>.</summary>
public sealed class LiveClientBuilder
{
    internal LiveClientBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a <c>[LiveTool]</c> type whose instances are created once per session or once per call by its generated
    /// factory (<see cref="ILiveToolFactory{TSelf}"/>: the type's only public constructor, or the one marked
    /// <c>[ActivatorUtilitiesConstructor]</c>, each parameter resolved from the scope; no reflection). The type is
    /// registered as scoped with that factory (unless it is already registered), so the scope disposes it.
    /// </summary>
    /// <typeparam name="T">The tool type.</typeparam>
    /// <param name="lifetime">One instance per session (default) or per call.</param>
    /// <returns>This builder.</returns>
    /// <remarks>A type without a generated factory (diagnostic LIVE022) is registered with <see cref="AddLiveTools{T}(Func{IServiceProvider, T}, LiveToolLifetime)"/>.</remarks>
    public LiveClientBuilder AddLiveTools<T>(LiveToolLifetime lifetime = LiveToolLifetime.PerSession)
        where T : class, ILiveToolSet, ILiveToolFactory<T>
    {
        Services.TryAddScoped<T>(static services => T.CreateLiveTools(services));
        Services.AddSingleton(new LiveToolRegistration(typeof(T), lifetime, static services => services.GetRequiredService<T>()) { Tools = T.LiveToolInfos });
        return this;
    }

    /// <summary>
    /// Registers a tool type built by <paramref name="factory"/> (no constructor discovery: the fully reflection-free
    /// form), once per session or once per call.
    /// </summary>
    /// <typeparam name="T">The tool type.</typeparam>
    /// <param name="factory">Builds an instance from the session's or the call's scope.</param>
    /// <param name="lifetime">One instance per session (default) or per call.</param>
    /// <returns>This builder.</returns>
    public LiveClientBuilder AddLiveTools<T>(Func<IServiceProvider, T> factory, LiveToolLifetime lifetime = LiveToolLifetime.PerSession)
        where T : class, ILiveToolSet
    {
        if (factory is null)
        {
            throw new ArgumentNullException(nameof(factory));
        }

        Services.AddSingleton(new LiveToolRegistration(typeof(T), lifetime, factory));
        return this;
    }

    /// <summary>
    /// Registers a tool set shared by every session: a static class's generated <c>ToolSet</c>, a set of AIFunctions,
    /// a combined set.
    /// </summary>
    /// <param name="toolSet">The set.</param>
    /// <returns>This builder.</returns>
    public LiveClientBuilder AddLiveToolSet(ILiveToolSet toolSet)
    {
        if (toolSet is null)
        {
            throw new ArgumentNullException(nameof(toolSet));
        }

        Services.AddSingleton(new LiveToolRegistration(toolSet.GetType(), LiveToolLifetime.PerSession, _ => toolSet) { Singleton = toolSet });
        return this;
    }
}
