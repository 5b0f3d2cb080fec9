using Live.Tools;

namespace WeatherSample;

/// <summary>A temperature unit.</summary>
public enum TemperatureUnit
{
    Celsius,
    Fahrenheit,
}

/// <summary>The weather somewhere, as the tool returns it (the generator writes it as JSON, without reflection).</summary>
/// <param name="Location">The place.</param>
/// <param name="Temperature">The temperature, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit of <paramref name="Temperature"/>.</param>
/// <param name="Conditions">Sky and precipitation, in a few words.</param>
public sealed record WeatherReport(string Location, double Temperature, TemperatureUnit Unit, string Conditions);

/// <summary>
/// The sample's tools. The Live.Tools generator makes this partial class an <see cref="ILiveToolSet"/> with a static
/// <c>LiveTool</c> for <c>LiveConnectConfig.Tools</c> and a dispatcher that calls <see cref="GetWeatherAsync"/>.
/// </summary>
public partial class WeatherTools
{
    // A stand-in for a weather service, so the sample runs anywhere: a real app would call one here.
    private static readonly Dictionary<string, (double Celsius, string Conditions)> s_observations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Tokyo"] = (18.5, "light rain"),
        ["Paris"] = (12.0, "overcast"),
        ["London"] = (9.5, "drizzle"),
        ["New York"] = (15.0, "clear skies"),
        ["Sydney"] = (24.0, "sunny"),
    };

    /// <summary>How many times the model called a tool.</summary>
    public int Calls { get; private set; }

    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="location">City and country, e.g. "Tokyo, JP".</param>
    /// <param name="unit">Unit for temperatures.</param>
    /// <param name="cancellationToken">Cancelled when the model cancels the call or the session ends.</param>
    /// <returns>The weather report.</returns>
    [LiveTool]
    public async Task<WeatherReport> GetWeatherAsync(string location, TemperatureUnit unit = TemperatureUnit.Celsius, CancellationToken cancellationToken = default)
    {
        Calls++;

        // As if a weather service answered after a short while.
        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);

        string city = location.Split(',')[0].Trim();
        if (!s_observations.TryGetValue(city, out (double Celsius, string Conditions) observed))
        {
            // A LiveToolException's message reaches the model, which can tell the user or try another place.
            throw new LiveToolException($"No weather data for \"{location}\"; known cities: {string.Join(", ", s_observations.Keys)}.");
        }

        double temperature = unit == TemperatureUnit.Celsius ? observed.Celsius : Math.Round((observed.Celsius * 9 / 5) + 32, 1);
        return new WeatherReport(city, temperature, unit, observed.Conditions);
    }
}
