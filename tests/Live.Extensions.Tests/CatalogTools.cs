using Live.Tools;

namespace Live.Extensions.Tests;

/// <summary>A product category.</summary>
public enum Category
{
    /// <summary>Fruit.</summary>
    Fruit,

    /// <summary>Tools.</summary>
    Hardware,
}

/// <summary>Generated tools used through Microsoft.Extensions.AI.</summary>
public partial class CatalogTools
{
    /// <summary>Prices an order line.</summary>
    /// <param name="product">The product name.</param>
    /// <param name="quantity">How many, 1 to 100.</param>
    [LiveTool]
    public double PriceLine(string product, int quantity = 1) =>
        product switch
        {
            "apple" => 0.5 * quantity,
            "hammer" => 12.25 * quantity,
            _ => throw new LiveToolException($"Unknown product {product}."),
        };

    /// <summary>Lists the products of a category.</summary>
    /// <param name="category">The category.</param>
    /// <param name="limit">At most this many, or all when absent.</param>
    [LiveTool]
    public string[] ListProducts(Category category, int? limit = null)
    {
        string[] all = category == Category.Fruit ? ["apple", "pear", "plum"] : ["hammer", "saw"];
        return limit is { } n ? all.Take(n).ToArray() : all;
    }

    /// <summary>Fails without telling why.</summary>
    [LiveTool]
    public int Broken() => throw new InvalidOperationException("internal detail");
}
