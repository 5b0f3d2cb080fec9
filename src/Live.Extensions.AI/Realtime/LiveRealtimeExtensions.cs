using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace Live.Extensions.AI;

/// <summary>Exposes a Live.Tools <see cref="Client"/> through Microsoft.Extensions.AI's realtime abstraction.</summary>
[Experimental("MEAI001")]
public static class LiveRealtimeExtensions
{
    /// <summary>
    /// Wraps the client as an <see cref="IRealtimeClient"/> whose sessions are Gemini Live sessions. Functions in
    /// <c>RealtimeSessionOptions.Tools</c> are run by the adapter itself, concurrently with the stream, and a
    /// <c>toolCallCancellation</c> cancels them: do not wrap the sessions in <c>FunctionInvokingRealtimeClientSession</c>.
    /// </summary>
    /// <remarks>
    /// Microsoft.Extensions.AI marks its realtime abstraction experimental (diagnostic MEAI001), so this adapter is
    /// marked the same way: suppress MEAI001 where you use it.
    /// </remarks>
    /// <param name="client">The Live.Tools client.</param>
    /// <param name="options">Default model, tool-loop options and a setup hook; null for the defaults.</param>
    /// <returns>The realtime client.</returns>
    public static IRealtimeClient AsIRealtimeClient(this Client client, LiveRealtimeClientOptions? options = null)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        return new LiveRealtimeClient(client, options ?? new LiveRealtimeClientOptions());
    }
}
