using Live.Tools;

namespace Live.Telephony.Tests;

/// <summary>The tools the phone agent runs on the server during the test calls.</summary>
public partial class PhoneTools
{
    private int _calls;

    /// <summary>How many times the model called a tool.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Gets the current weather for a city.</summary>
    /// <param name="city">The city.</param>
    /// <returns>The weather, in a few words.</returns>
    [LiveTool]
    public string GetWeather(string city)
    {
        Interlocked.Increment(ref _calls);
        return $"sunny and 21 degrees in {city}";
    }
}
