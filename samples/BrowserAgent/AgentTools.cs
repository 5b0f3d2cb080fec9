using Live.Tools;

namespace BrowserAgent;

/// <summary>The weather somewhere, as the tool returns it (the generator writes it as JSON, without reflection).</summary>
/// <param name="Location">The place.</param>
/// <param name="TemperatureCelsius">The temperature in °C.</param>
/// <param name="Conditions">Sky and precipitation, in a few words.</param>
/// <param name="ObservedAt">When the server looked it up (UTC), which proves the answer came from the server.</param>
public sealed record WeatherReport(string Location, double TemperatureCelsius, string Conditions, DateTimeOffset ObservedAt);

/// <summary>
/// The agent's tools. They run on the server, inside the relay's Live session: the page only sees their activity.
/// One instance per browser connection (see Program.cs), so a tool may keep per-visitor state.
/// </summary>
public partial class AgentTools
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

    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="location">City and country, e.g. "Tokyo, JP".</param>
    /// <param name="cancellationToken">Cancelled when the model cancels the call or the visitor leaves.</param>
    /// <returns>The weather report.</returns>
    [LiveTool]
    public async Task<WeatherReport> GetWeatherAsync(string location, CancellationToken cancellationToken = default)
    {
        // As if a weather service answered after a short while.
        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);

        string city = location.Split(',')[0].Trim();
        if (!s_observations.TryGetValue(city, out (double Celsius, string Conditions) observed))
        {
            // A LiveToolException's message reaches the model, which can tell the user or try another place.
            throw new LiveToolException($"No weather data for \"{location}\"; known cities: {string.Join(", ", s_observations.Keys)}.");
        }

        Console.WriteLine($"tool   › get_weather(\"{location}\") → {observed.Celsius} °C, {observed.Conditions}");
        return new WeatherReport(city, observed.Celsius, observed.Conditions, DateTimeOffset.UtcNow);
    }
}
