using Live.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace Live.Extensions.Tests;

/// <summary>A service the tools below get from the container.</summary>
public interface IGreeter
{
    string Greet(string name);
}

/// <summary>Greets politely.</summary>
public sealed class PoliteGreeter : IGreeter
{
    public string Greet(string name) => "Hello, " + name + ".";
}

/// <summary>Greets loudly (registered as the keyed service "loud").</summary>
public sealed class LoudGreeter : IGreeter
{
    public string Greet(string name) => "HELLO " + name.ToUpperInvariant() + "!";
}

/// <summary>Tools whose parameters come partly from the model, partly from the call's services.</summary>
public partial class ServiceTools
{
    /// <summary>Greets someone.</summary>
    /// <param name="name">Who to greet.</param>
    /// <param name="greeter">From the container.</param>
    /// <param name="loud">From the container, keyed.</param>
    /// <param name="state">From the call's scope, when registered.</param>
    /// <param name="context">The call.</param>
    [LiveTool]
    public string Greet(
        string name,
        [FromServices] IGreeter greeter,
        [FromKeyedServices("loud")] IGreeter loud,
        [FromServices] CallState? state,
        LiveToolContext context) =>
        greeter.Greet(name) + " " + loud.Greet(name) + " " + (state is null ? "no-state" : state.IsDisposed ? "disposed" : "state-" + state.Id)
        + (context.Services is null ? " no-services" : " services");

    /// <summary>Tells whether the call's provider was passed in.</summary>
    /// <param name="services">The call's services.</param>
    [LiveTool]
    public static bool HasProvider(IServiceProvider services) => services.GetService(typeof(IGreeter)) is not null;
}

/// <summary>A tool type with two public constructors: the generated factory calls the marked one.</summary>
public partial class ConstructedTools
{
    private readonly string _how;

    public ConstructedTools()
    {
        _how = "parameterless";
    }

    [ActivatorUtilitiesConstructor]
    public ConstructedTools(IGreeter greeter, [FromKeyedServices("loud")] IGreeter loud, Tracker? tracker = null)
    {
        _how = greeter.Greet("factory") + " " + loud.Greet("factory") + " " + (tracker is null ? "no-tracker" : "tracker");
    }

    /// <summary>Tells which constructor built this instance.</summary>
    [LiveTool]
    public string HowBuilt() => _how;
}

/// <summary>Static tools: registered from the assembly as a shared set.</summary>
public static partial class ClockTools
{
    /// <summary>Gives a fixed time.</summary>
    [LiveTool]
    public static string FixedTime() => "12:00";
}

#pragma warning disable LIVE022 // Deliberately no usable constructor: the assembly's registration must leave it out.
/// <summary>Two public constructors and none marked: no generated factory.</summary>
public partial class UnbuildableTools
{
    public UnbuildableTools()
    {
    }

    public UnbuildableTools(IGreeter greeter)
    {
        _ = greeter;
    }

    /// <summary>Never registered from the assembly.</summary>
    [LiveTool]
    public int Unbuildable() => 0;
}
#pragma warning restore LIVE022

/// <summary>Holds a private tool type, which the assembly's registration cannot name.</summary>
public static partial class Holder
{
    /// <summary>Private tools.</summary>
    private sealed partial class HiddenTools
    {
        /// <summary>Never registered from the assembly.</summary>
        [LiveTool]
        public int Hidden() => 0;
    }
}
