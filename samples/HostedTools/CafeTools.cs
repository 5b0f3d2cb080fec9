using Live.Tools;

namespace HostedSample;

/// <summary>The prices, a singleton (in a real app: a repository).</summary>
public sealed class PriceList
{
    private static readonly Dictionary<string, decimal> s_prices = new(StringComparer.OrdinalIgnoreCase)
    {
        ["latte"] = 3.50m,
        ["muffin"] = 2.25m,
        ["tea"] = 2.00m,
    };

    /// <summary>The price of one item, or null when the café does not sell it.</summary>
    public decimal? Find(string item) => s_prices.TryGetValue(item, out decimal price) ? price : null;
}

/// <summary>One customer's basket: scoped, so each Live session has its own (in a real app: a unit of work).</summary>
public sealed class Basket : IDisposable
{
    private static int s_next;

    /// <summary>Which basket this is.</summary>
    public int Number { get; } = Interlocked.Increment(ref s_next);

    /// <summary>The items and how many of each.</summary>
    public Dictionary<string, int> Items { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void Dispose() => Console.WriteLine($"host   › basket {Number} disposed with its session");
}

/// <summary>A receipt printer each call gets afresh and gives back when the call ends (scoped, per call).</summary>
public sealed class ReceiptPrinter : IDisposable
{
    private static int s_next;

    /// <summary>Which printer this is.</summary>
    public int Number { get; } = Interlocked.Increment(ref s_next);

    /// <summary>Prints a line.</summary>
    public void Print(string line) => Console.WriteLine($"tool   › printer {Number} prints a quote for {line}");

    /// <inheritdoc />
    public void Dispose() => Console.WriteLine($"host   › printer {Number} released when its call ended");
}

/// <summary>Tools built once per session: they share the session's <see cref="Basket"/>.</summary>
public partial class OrderTools
{
    private readonly Basket _basket;
    private readonly PriceList _prices;

    /// <summary>Built by the container from the session's scope.</summary>
    public OrderTools(Basket basket, PriceList prices)
    {
        _basket = basket;
        _prices = prices;
    }

    /// <summary>Adds items to the customer's basket.</summary>
    /// <param name="item">What to add, for example latte.</param>
    /// <param name="quantity">How many.</param>
    [LiveTool]
    public string AddItem(string item, int quantity = 1)
    {
        if (_prices.Find(item) is null)
        {
            throw new LiveToolException($"The café does not sell {item}.");
        }

        _basket.Items[item] = _basket.Items.GetValueOrDefault(item) + quantity;
        return $"basket {_basket.Number}: {string.Join(", ", _basket.Items.Select(i => $"{i.Value} {i.Key}"))}";
    }
}

/// <summary>Tools built once per call, from a scope disposed when the call ends.</summary>
public partial class CheckoutTools
{
    private readonly PriceList _prices;

    /// <summary>Built by the generated factory (no reflection) from the call's scope.</summary>
    public CheckoutTools(PriceList prices)
    {
        _prices = prices;
    }

    /// <summary>Prices some items, in euros.</summary>
    /// <param name="item">What, for example muffin.</param>
    /// <param name="quantity">How many.</param>
    /// <param name="printer">The call's receipt printer, from its scope: not part of the schema the model sees.</param>
    [LiveTool]
    public decimal Quote(string item, [FromServices] ReceiptPrinter printer, int quantity = 1)
    {
        printer.Print($"{quantity} {item}");
        return (_prices.Find(item) ?? throw new LiveToolException($"The café does not sell {item}.")) * quantity;
    }
}
