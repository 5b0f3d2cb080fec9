using Live;
using Live.Tools;

namespace ToolProgress;

/// <summary>A room found by <see cref="HotelTools.FindRoomAsync"/>.</summary>
/// <param name="Hotel">The hotel.</param>
/// <param name="Price">The price per night, in euros.</param>
public sealed record Room(string Hotel, int Price);

/// <summary>A slow hotel search that tells the model how far it got.</summary>
public partial class HotelTools
{
    private static readonly string[] s_hotels = ["Casa do Rio", "Hotel Alfama", "Miradouro Suites"];
    private int _reportsSent;
    private int _reportsDropped;

    /// <summary>How long the search takes per hotel.</summary>
    public static TimeSpan PerHotel { get; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Progress reports that went out as interim responses (<c>willContinue: true</c>).</summary>
    public int ReportsSent => Volatile.Read(ref _reportsSent);

    /// <summary>Progress reports the loop could not send (a blocking call, or a model or backend without willContinue).</summary>
    public int ReportsDropped => Volatile.Read(ref _reportsDropped);

    /// <summary>
    /// Finds the cheapest free room in a city for tonight. Slow: it asks every hotel in turn, and says after each one how
    /// far it got.
    /// </summary>
    /// <param name="city">The city.</param>
    /// <param name="context">The call's context: progress reports go through it.</param>
    /// <param name="cancellationToken">Cancelled when the model cancels the call or the session ends.</param>
    /// <returns>The cheapest room.</returns>
    // NON_BLOCKING: the conversation goes on while the search runs, so the model can hear its progress. WHEN_IDLE: the
    // model takes the result up when it is not speaking. A BLOCKING tool gets no progress out (LIVE020 says so).
    [LiveTool(Behavior = Behavior.NonBlocking, Scheduling = FunctionResponseScheduling.WhenIdle)]
    public async Task<Room> FindRoomAsync(string city, LiveToolContext context, CancellationToken cancellationToken = default)
    {
        Console.WriteLine($"tool   › find_room({city}) started [call id {context.CallId}]; progress can reach the model: {(context.CanReportProgress ? "yes" : "no")}");
        Room? best = null;
        for (int i = 0; i < s_hotels.Length; i++)
        {
            await Task.Delay(PerHotel, cancellationToken);
            var room = new Room(s_hotels[i], 95 + (i * 37 % 50));
            if (best is null || room.Price < best.Price)
            {
                best = room;
            }

            string message = $"Asked {i + 1} of {s_hotels.Length} hotels; cheapest so far {best.Hotel} at {best.Price} euros.";
            bool sent = await context.ReportProgressAsync(message, (i + 1) / (double)s_hotels.Length, cancellationToken);
            Interlocked.Increment(ref sent ? ref _reportsSent : ref _reportsDropped);
            Console.WriteLine($"progress › {message} ({(sent ? "sent, willContinue: true" : "not sent")})");
        }

        return best!;
    }
}
