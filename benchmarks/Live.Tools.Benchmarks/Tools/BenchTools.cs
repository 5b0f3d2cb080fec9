using System.ComponentModel;
using Live.Tools;

namespace Live.Benchmarks.Tools;

/// <summary>Unit of a temperature.</summary>
public enum TemperatureUnit
{
    /// <summary>Degrees Celsius.</summary>
    Celsius,

    /// <summary>Degrees Fahrenheit.</summary>
    Fahrenheit,
}

/// <summary>The 3-field result of <see cref="WeatherBenchTools.GetWeather"/>.</summary>
/// <param name="Location">The city.</param>
/// <param name="Temperature">The temperature.</param>
/// <param name="Unit">The unit.</param>
public sealed record WeatherReport(string Location, int Temperature, TemperatureUnit Unit);

/// <summary>A customer.</summary>
/// <param name="Name">Full name.</param>
/// <param name="Email">E-mail address.</param>
public sealed record Customer(string Name, string Email);

/// <summary>One order line.</summary>
/// <param name="Sku">Stock keeping unit.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitCents">Price of one, in cents.</param>
public sealed record OrderLine(string Sku, int Quantity, int UnitCents);

/// <summary>The result of <see cref="OrderBenchTools.PlaceOrder"/>.</summary>
/// <param name="Customer">The customer's name.</param>
/// <param name="Items">Total quantity.</param>
/// <param name="TotalCents">Total price in cents.</param>
public sealed record OrderSummary(string Customer, int Items, int TotalCents);

/// <summary>The tool bodies, shared by every approach so only the plumbing differs.</summary>
public static class ToolBodies
{
    public static WeatherReport GetWeather(string location, TemperatureUnit unit, int days) =>
        new(location, (unit == TemperatureUnit.Celsius ? 20 : 68) + days, unit);

    public static OrderSummary PlaceOrder(Customer customer, List<OrderLine> lines)
    {
        int items = 0;
        int total = 0;
        foreach (OrderLine line in lines)
        {
            items += line.Quantity;
            total += line.Quantity * line.UnitCents;
        }

        return new OrderSummary(customer.Name, items, total);
    }

    public static WeatherReport Numbered(int index, string location, int days) =>
        new(location, index + days, TemperatureUnit.Celsius);
}

/// <summary>The 3-argument tool.</summary>
public sealed partial class WeatherBenchTools
{
    /// <summary>Gets the weather forecast for a city.</summary>
    /// <param name="location">City and country, e.g. "Tokyo, JP".</param>
    /// <param name="unit">Unit for temperatures.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    [Description("Gets the weather forecast for a city.")]
    public WeatherReport GetWeather(
        [Description("City and country, e.g. \"Tokyo, JP\".")] string location,
        [Description("Unit for temperatures.")] TemperatureUnit unit = TemperatureUnit.Celsius,
        [Description("Days ahead.")] int days = 1) =>
        ToolBodies.GetWeather(location, unit, days);
}

/// <summary>A tool with a nested object and an array argument.</summary>
public sealed partial class OrderBenchTools
{
    /// <summary>Places an order.</summary>
    /// <param name="customer">Who orders.</param>
    /// <param name="lines">What is ordered.</param>
    /// <returns>The summary.</returns>
    [LiveTool]
    [Description("Places an order.")]
    public OrderSummary PlaceOrder(
        [Description("Who orders.")] Customer customer,
        [Description("What is ordered.")] List<OrderLine> lines) =>
        ToolBodies.PlaceOrder(customer, lines);
}
