// docs/testing.md's WeatherTools, with the service it uses, dispatched as the model would call it.
using System.Text.Json;
using Live;
using Live.Tools;

ILiveToolSet tools = new WeatherTools();
using JsonDocument arguments = JsonDocument.Parse("""{"city":"Oslo"}""");
FunctionResponse response = await tools.InvokeAsync(new FunctionCall { Id = "1", Name = "get_weather", Args = arguments.RootElement }, CancellationToken.None);
Console.WriteLine(response.Response!["output"]!.ToJsonString());

public partial class WeatherTools
{
    private readonly WeatherService _service = new();
}

public sealed record Weather(string City, double TempC);

public sealed class WeatherService
{
    public Weather Current(string city) => new(city, -3);
}

// <snippet/>
