// docs/ecosystem.md's registration block, in a generic host whose container then builds a session's tools.
using Live;
using Live.DependencyInjection;
using Live.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

HostApplicationBuilder builder = Host.CreateApplicationBuilder();
// <snippet/>

using IHost host = builder.Build();
await host.StartAsync();
LiveToolProvider provider = host.Services.GetRequiredService<LiveToolProvider>();
await using (LiveSessionToolSet tools = await provider.CreateSessionToolSetAsync())
{
    Console.WriteLine(string.Join(", ", tools.FunctionDeclarations.Select(d => d.Name)));
}

await host.StopAsync();

public sealed class PriceList
{
    public decimal PriceOf(string item) => item.Length;
}

public sealed class Basket
{
    public List<string> Items { get; } = [];
}

public sealed class ReceiptPrinter
{
    public string Print(decimal total) => $"Total: {total}";
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

public partial class CheckoutTools(PriceList prices)
{
    /// <summary>Prices an item.</summary>
    /// <param name="item">The item.</param>
    /// <param name="printer">The call's printer, from its scope.</param>
    /// <returns>The receipt.</returns>
    [LiveTool]
    public string Quote(string item, [FromServices] ReceiptPrinter printer) => printer.Print(prices.PriceOf(item));
}
