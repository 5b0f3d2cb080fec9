using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Live.Tools.IntegrationTests;

/// <summary>A point on Earth.</summary>
/// <param name="Lat">Latitude in degrees.</param>
/// <param name="Lon">Longitude in degrees.</param>
public sealed record GeoPoint(double Lat, double Lon);

/// <summary>One line of an order.</summary>
public sealed class OrderItem
{
    /// <summary>The product code.</summary>
    public required string Sku { get; init; }

    /// <summary>How many.</summary>
    public int Count { get; set; } = 1;
}

/// <summary>An order.</summary>
public sealed class OrderRequest
{
    /// <summary>The customer.</summary>
    public required string Customer { get; init; }

    /// <summary>The lines.</summary>
    public required List<OrderItem> Items { get; init; }

    /// <summary>Where to deliver.</summary>
    public GeoPoint? Destination { get; set; }

    /// <summary>A note for the courier.</summary>
    [JsonPropertyName("courierNote")]
    public string? Note { get; init; } = "none";

    /// <summary>Delivery priority.</summary>
    public Priority Priority { get; init; } = Priority.VeryHigh;

    /// <summary>Not sent.</summary>
    [JsonIgnore]
    public string Secret { get; set; } = "hidden";
}

/// <summary>A struct argument.</summary>
public struct Size
{
    /// <summary>Width.</summary>
    public int Width { get; set; }

    /// <summary>Height.</summary>
    [Range(0, 100)]
    public int Height { get; set; }
}

/// <summary>A summary of an order.</summary>
/// <param name="Customer">The customer.</param>
/// <param name="TotalCount">All items.</param>
/// <param name="Note">The note.</param>
/// <param name="Priority">The priority.</param>
/// <param name="Destination">Where.</param>
/// <param name="Skus">The products.</param>
public sealed record OrderSummary(string Customer, int TotalCount, string? Note, Priority Priority, GeoPoint? Destination, IReadOnlyList<string> Skus);

/// <summary>A record with a defaulted constructor parameter.</summary>
/// <param name="Query">What to look for.</param>
/// <param name="Limit">How many results.</param>
public sealed record SearchOptions(string Query, int Limit = 10);

/// <summary>Tools with object arguments.</summary>
public partial class ObjectTools
{
    /// <summary>Places an order.</summary>
    /// <param name="request">The order.</param>
    [LiveTool]
    public static OrderSummary PlaceOrder(OrderRequest request)
    {
        int total = 0;
        var skus = new List<string>();
        foreach (OrderItem item in request.Items)
        {
            total += item.Count;
            skus.Add(item.Sku);
        }

        return new OrderSummary(request.Customer, total, request.Note, request.Priority, request.Destination, skus);
    }

    /// <summary>Measures an area.</summary>
    /// <param name="size">The size.</param>
    [LiveTool]
    public static int Area(Size size) => size.Width * size.Height;

    /// <summary>Searches.</summary>
    /// <param name="options">The search.</param>
    [LiveTool]
    public static SearchOptions Search(SearchOptions options) => options;

    /// <summary>Keeps a point.</summary>
    /// <param name="point">The point.</param>
    [LiveTool]
    public static GeoPoint? Locate(GeoPoint? point = null) => point;
}
