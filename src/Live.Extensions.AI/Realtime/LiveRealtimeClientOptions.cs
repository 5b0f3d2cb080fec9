namespace Live.Extensions.AI;

/// <summary>Options of the <c>IRealtimeClient</c> made by <see cref="LiveRealtimeExtensions.AsIRealtimeClient"/>.</summary>
public sealed class LiveRealtimeClientOptions
{
    /// <summary>The model used when <c>RealtimeSessionOptions.Model</c> is not set.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>
    /// Tool-loop options for the functions the adapter runs itself (concurrency, timeouts, error details); null for
    /// the defaults.
    /// </summary>
    public LiveToolOptions? ToolOptions { get; set; }

    /// <summary>
    /// Called with the Gemini setup the adapter built, before it connects, for settings M.E.AI's options have no
    /// place for (session resumption, context compression, affective dialog, …).
    /// </summary>
    public Action<LiveConnectConfig>? ConfigureConnect { get; set; }

    /// <summary>Services handed to the functions as <c>AIFunctionArguments.Services</c>.</summary>
    public IServiceProvider? FunctionServices { get; set; }
}
