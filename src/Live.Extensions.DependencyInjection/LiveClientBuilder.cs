using System.Diagnostics.CodeAnalysis;
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
    /// Registers a <c>[LiveTool]</c> type (any <see cref="ILiveToolSet"/>) whose instances the container builds, once per
    /// session or once per call. The type is registered as scoped (unless it is already registered), so its
    /// constructor takes any registered service.
    /// </summary>
    /// <typeparam name="T">The tool type.</typeparam>
    /// <param name="lifetime">One instance per session (default) or per call.</param>
    /// <returns>This builder.</returns>
    public LiveClientBuilder AddLiveTools<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(LiveToolLifetime lifetime = LiveToolLifetime.PerSession)
        where T : class, ILiveToolSet
    {
        Services.TryAddScoped<T>();
        Services.AddSingleton(new LiveToolRegistration(typeof(T), lifetime, static services => services.GetRequiredService<T>()));
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
