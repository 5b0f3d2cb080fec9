namespace Live.Tools;

/// <summary>
/// Creates a tool type from services without reflection, and describes its tools without an instance. The generator
/// implements it for every non-abstract class with <see cref="LiveToolAttribute"/> methods whose constructor it can
/// call (its only public constructor, or the one marked <c>[ActivatorUtilitiesConstructor]</c>); the
/// dependency-injection package's <c>AddLiveTools&lt;T&gt;()</c> uses it.
/// </summary>
/// <typeparam name="TSelf">The tool type.</typeparam>
public interface ILiveToolFactory<TSelf>
    where TSelf : class, ILiveToolSet, ILiveToolFactory<TSelf>
{
    /// <summary>The tools of the type (declaration, timeout, behavior), one per <c>[LiveTool]</c> method.</summary>
    static abstract IReadOnlyList<LiveToolInfo> LiveToolInfos { get; }

    /// <summary>
    /// Creates an instance, each constructor parameter resolved from <paramref name="services"/> (a keyed one with its
    /// key; an optional or nullable one may be missing).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="InvalidOperationException">A required constructor parameter's service is not registered.</exception>
    static abstract TSelf CreateLiveTools(IServiceProvider services);
}
