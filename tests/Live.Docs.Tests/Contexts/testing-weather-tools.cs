// docs/testing.md's WeatherTools and its service, for the xunit test of the same page.
using Live.Tools;

public partial class WeatherTools
{
    private readonly WeatherService _service = new();

    /// <summary>Gets the current weather in a city.</summary>
    /// <param name="city">The city, for example Tokyo.</param>
    [LiveTool]
    public Weather GetWeather(string city) => _service.Current(city);
}

public sealed record Weather(string City, double TempC);

public sealed class WeatherService
{
    public Weather Current(string city) => new(city, -3);
}
