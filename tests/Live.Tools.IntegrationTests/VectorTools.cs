using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;

namespace Live.Tools.IntegrationTests;

/// <summary>The location of the protocol vector's get_weather.</summary>
public sealed record Location(double Lat, double Lon);

/// <summary>The C# equivalent of get_weather in the setup_rich_text protocol vector.</summary>
public static partial class VectorTools
{
    [LiveTool, Description("Get the current weather for a city.")]
    public static string GetWeather(
        [Description("City name, e.g. Paris")] string city,
        [Description("Temperature unit"), Optional] TemperatureUnit unit,
        [Description("Forecast days"), Range(1, 7), Optional] int days,
        [Optional] float? threshold,
        [Optional] bool includeHourly,
        [MaxLength(5), Optional] string[] tags,
        [Optional] Location location)
        => city + "|" + unit + "|" + days + "|" + (threshold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null") + "|" + includeHourly + "|" + (tags?.Length ?? -1) + "|" + (location?.Lat.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null");

    [LiveTool, Description("A function without parameters.")]
    public static void StopTimer()
    {
    }
}
