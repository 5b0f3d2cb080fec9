namespace Live.Tools.IntegrationTests;

/// <summary>A service of the tools below.</summary>
public sealed class Counter
{
    public int Value { get; set; }
}

/// <summary>A tool type built by its generated factory, with parameters from the call's services.</summary>
public partial class CounterTools
{
    private readonly Counter _counter;

    public CounterTools(Counter counter)
    {
        _counter = counter;
    }

    /// <summary>Adds to the counter.</summary>
    /// <param name="amount">How much to add.</param>
    /// <param name="callCounter">The call's counter.</param>
    /// <param name="context">The call.</param>
    [LiveTool]
    public string Add(int amount, [FromServices] Counter callCounter, LiveToolContext context)
    {
        _counter.Value += amount;
        callCounter.Value += amount;
        return _counter.Value + "/" + callCounter.Value + "/" + ReferenceEquals(context.Services, LiveToolServices.Current);
    }
}

/// <summary>A minimal provider: no container, just a dictionary of instances.</summary>
internal sealed class DictionaryProvider(params object[] services) : IServiceProvider
{
    public object? GetService(Type serviceType) => services.FirstOrDefault(serviceType.IsInstanceOfType);
}
