namespace Live.Tools.IntegrationTests;

/// <summary>A temperature unit.</summary>
public enum TemperatureUnit
{
    Celsius,
    Fahrenheit,
}

/// <summary>A weather report.</summary>
/// <param name="Location">Where.</param>
/// <param name="Temperature">How warm.</param>
/// <param name="Unit">The unit.</param>
public sealed record WeatherReport(string Location, double Temperature, TemperatureUnit Unit);

/// <summary>The example of the generator issue.</summary>
public partial class WeatherTools
{
    public int Calls { get; private set; }

    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="location">City and country, e.g. "Tokyo, JP".</param>
    /// <param name="unit">Unit for temperatures.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    [LiveTool]
    public async Task<WeatherReport> GetWeatherAsync(string location, TemperatureUnit unit = TemperatureUnit.Celsius, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Calls++;
        return new WeatherReport(location, unit == TemperatureUnit.Celsius ? 21.5 : 70.7, unit);
    }
}
