// The WeatherTools of README.md's tools snippet, for the README's emulator snippet.
using Live.Tools;

public partial class WeatherTools
{
    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="location">City and country, e.g. "Tokyo, JP".</param>
    /// <param name="unit">Unit for temperatures.</param>
    [LiveTool]
    public async Task<WeatherReport> GetWeatherAsync(string location, TemperatureUnit unit = TemperatureUnit.Celsius, CancellationToken cancellationToken = default)
    {
        await Task.Delay(50, cancellationToken);
        return new WeatherReport(location, 22, unit, "sunny");
    }
}

public enum TemperatureUnit { Celsius, Fahrenheit }

public sealed record WeatherReport(string Location, double Temperature, TemperatureUnit Unit, string Conditions);
