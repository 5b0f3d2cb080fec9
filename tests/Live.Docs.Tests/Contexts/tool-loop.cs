// docs/tool-loop.md: a connected session with the README's WeatherTools, a token, and the snippet in the middle.
using Live;
using Live.Tools;

var client = new Client(apiKey: "YOUR_API_KEY");
var tools = new WeatherTools();
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
CancellationToken cancellationToken = timeout.Token;
await using AsyncSession session = await client.Live.ConnectAsync(
    "gemini-live-2.5-flash-preview",
    new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [WeatherTools.LiveTools] });

// <snippet/>

public partial class WeatherTools
{
    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="location">City and country, e.g. "Tokyo, JP".</param>
    [LiveTool]
    public static string GetWeather(string location) => $"{location}: 22 °C, sunny";
}
