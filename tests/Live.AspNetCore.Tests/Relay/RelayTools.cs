using Live.Tools;

namespace Live.AspNetCore.Tests.Relay;

/// <summary>Tools of the relay tests: they run on the server, and count their calls so a test can see that.</summary>
public partial class RelayTools
{
    private int _calls;

    /// <summary>How many times a tool ran.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="location">The city.</param>
    /// <returns>The weather.</returns>
    [LiveTool]
    public string GetWeather(string location)
    {
        Interlocked.Increment(ref _calls);
        return $"server-side forecast for {location}: 21 °C";
    }
}
