namespace Live.Tools.Generator.Model;

/// <summary>Where a tool parameter gets its value.</summary>
internal enum ParameterKind
{
    /// <summary>From the call's JSON args.</summary>
    Json,

    /// <summary>The call's <c>CancellationToken</c>.</summary>
    CancellationToken,

    /// <summary>A <c>Live.Tools.LiveToolContext</c> for the call.</summary>
    Context,

    /// <summary>A service from the call's <c>IServiceProvider</c> (<c>[FromServices]</c>, <c>[FromKeyedServices]</c>, <c>IServiceProvider</c>).</summary>
    Service,
}
