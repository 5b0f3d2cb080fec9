namespace Live.Tools.IntegrationTests;

/// <summary>Static tools in a static class.</summary>
public static partial class MathTools
{
    /// <summary>Not a tool: inside a static tool class, <c>LiveToolSet</c> still names <see cref="Live.Tools.LiveToolSet"/>.</summary>
    /// <param name="other">Another set.</param>
    /// <returns>The two combined.</returns>
    public static ILiveToolSet CombinedWith(ILiveToolSet other) => LiveToolSet.Combine(ToolSet, other);

    /// <summary>Adds two numbers.</summary>
    /// <param name="a">The first.</param>
    /// <param name="b">The second.</param>
    [LiveTool]
    public static long Add(long a, long b) => a + b;

    /// <summary>Stops the timer.</summary>
    [LiveTool("stop_timer")]
    public static void Stop()
    {
    }
}

/// <summary>Tools that bind the call's token and context, mix static and instance methods, and throw.</summary>
public partial class BindingTools
{
    private readonly string _prefix;

    public BindingTools(string prefix)
    {
        _prefix = prefix;
    }

    [LiveTool] public string WhoAmI(LiveToolContext context, string suffix) => _prefix + context.FunctionName + "#" + context.CallId + suffix;

    [LiveTool] public static string StaticHere() => "static";

    [LiveTool] public async Task<string> WaitAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    }

    [LiveTool] public bool TokenIsBound(CancellationToken cancellationToken) => cancellationToken.CanBeCanceled;

    [LiveTool] public string Fail() => throw new InvalidOperationException("secret detail");

    [LiveTool] public Task<string> FailForModelAsync() => throw new LiveToolException("The city is not known.");

    [LiveTool] public async Task<string> FailLaterAsync()
    {
        await Task.Yield();
        throw new TimeoutException("inner timeout");
    }

    [LiveTool] public string CancelledInside() => throw new OperationCanceledException("not our token");

    [LiveTool("custom.name:v2-beta", Behavior = Behavior.NonBlocking, Scheduling = FunctionResponseScheduling.Silent, TimeoutMilliseconds = 1500)]
    public static string Configured() => "ok";
}
