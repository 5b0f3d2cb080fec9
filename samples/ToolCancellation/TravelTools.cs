using System.Diagnostics;
using Live.Tools;

namespace ToolCancellation;

/// <summary>A flight found by <see cref="TravelTools.FindFlightsAsync"/>.</summary>
/// <param name="Number">The flight number.</param>
/// <param name="Departs">Local departure time, HH:mm.</param>
/// <param name="Price">The fare in euros.</param>
public sealed record Flight(string Number, string Departs, int Price);

/// <summary>Two tools: a slow flight search and a fast clock.</summary>
public partial class TravelTools
{
    private static readonly Dictionary<string, int> s_utcOffsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Tokyo"] = 9,
        ["Paris"] = 1,
        ["London"] = 0,
        ["New York"] = -5,
        ["Sydney"] = 11,
    };

    /// <summary>The search's delay: long enough for the model to give up on it.</summary>
    public static TimeSpan SearchTime { get; } = TimeSpan.FromSeconds(8);

    /// <summary>Whether the flight search saw its token cancelled.</summary>
    public bool SearchCancelled { get; private set; }

    /// <summary>Whether the flight search ran to the end.</summary>
    public bool SearchCompleted { get; private set; }

    /// <summary>Searches flights between two cities (slow: it queries many airlines).</summary>
    /// <param name="from">The departure city.</param>
    /// <param name="to">The destination city.</param>
    /// <param name="cancellationToken">Cancelled when the model cancels the call (toolCallCancellation) or the session ends.</param>
    /// <returns>The flights found.</returns>
    [LiveTool]
    public async Task<List<Flight>> FindFlightsAsync(string from, string to, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"tool   › find_flights({from} → {to}) started; it takes {SearchTime.TotalSeconds:0} s");
        try
        {
            await Task.Delay(SearchTime, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The model cancelled this call: stop working. Whatever this method returns or throws now, the loop sends
            // no response for the call, as the protocol requires.
            SearchCancelled = true;
            Console.WriteLine($"tool   › find_flights saw its token cancelled after {clock.Elapsed.TotalSeconds:0.0} s and stopped");
            throw;
        }

        SearchCompleted = true;
        Console.WriteLine($"tool   › find_flights finished after {clock.Elapsed.TotalSeconds:0.0} s");
        return [new Flight("LT 101", "09:40", 780), new Flight("LT 205", "13:15", 645)];
    }

    /// <summary>Gets the current local time in a city.</summary>
    /// <param name="city">The city, e.g. "Tokyo".</param>
    /// <returns>The local time, HH:mm (24-hour clock).</returns>
    [LiveTool]
    public string GetLocalTime(string city)
    {
        if (!s_utcOffsets.TryGetValue(city.Split(',')[0].Trim(), out int offset))
        {
            throw new LiveToolException($"Unknown city \"{city}\"; known: {string.Join(", ", s_utcOffsets.Keys)}.");
        }

        string time = DateTime.UtcNow.AddHours(offset).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"tool   › get_local_time({city}) = {time}");
        return time;
    }
}
