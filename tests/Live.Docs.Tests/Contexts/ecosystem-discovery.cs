// docs/ecosystem.md's discovery block: every tool type of this compilation registered by the generated extension.
using Live.DependencyInjection;
using Live.Tools;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddSingleton<Basket>();
// <snippet/>
await using ServiceProvider container = services.BuildServiceProvider();
await using LiveSessionToolSet tools = await container.GetRequiredService<LiveToolProvider>().CreateSessionToolSetAsync();
Console.WriteLine(string.Join(", ", tools.FunctionDeclarations.Select(d => d.Name).Order()));

public sealed class Basket
{
    public List<string> Items { get; } = [];
}

public partial class OrderTools(Basket basket)
{
    /// <summary>Adds an item to the basket.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The items in the basket.</returns>
    [LiveTool]
    public string AddItem(string item)
    {
        basket.Items.Add(item);
        return string.Join(", ", basket.Items);
    }
}

public static partial class ClockTools
{
    /// <summary>Gives the time.</summary>
    /// <returns>The time.</returns>
    [LiveTool]
    public static string FixedTime() => "12:00";
}
