// docs/ecosystem.md's session block: a container with a [LiveTool] type, its client and tool provider, and a model.
using Live;
using Live.DependencyInjection;
using Live.Tools;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddLiveClient().AddLiveTools<WeatherTools>();
await using ServiceProvider container = services.BuildServiceProvider();
Client client = container.GetRequiredService<Client>();
LiveToolProvider toolProvider = container.GetRequiredService<LiveToolProvider>();
string model = "gemini-live-2.5-flash-preview";

// <snippet/>

public partial class WeatherTools
{
    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="city">The city.</param>
    /// <returns>The weather.</returns>
    [LiveTool]
    public string GetWeather(string city)
    {
        Console.WriteLine($"get_weather({city})");
        return $"Sunny in {city}";
    }
}
