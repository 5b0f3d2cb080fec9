using System.ComponentModel;

namespace Live.Tools;

/// <summary>
/// The <see cref="IServiceProvider"/> a call is served with: where <see cref="FromServicesAttribute"/> parameters (and
/// <see cref="LiveToolContext.Services"/>) come from. The dependency-injection package
/// (<c>Live.Extensions.DependencyInjection</c>) sets it per call to the session's scope or the call's own scope; code
/// that invokes a tool set by hand passes one to <see cref="InvokeWithServicesAsync"/>.
/// </summary>
/// <remarks>
/// The provider flows with the asynchronous call (an <see cref="AsyncLocal{T}"/>), so it reaches the generated
/// dispatcher through any wrapper (<see cref="LiveToolSet.Combine"/>, the tool loop) and is gone once the call returns.
/// </remarks>
public static class LiveToolServices
{
    private static readonly AsyncLocal<IServiceProvider?> s_current = new();

    /// <summary>The services of the call running in this asynchronous flow, or null when none were given.</summary>
    public static IServiceProvider? Current => s_current.Value;

    /// <summary>
    /// Invokes <paramref name="toolSet"/> with <paramref name="services"/> as the call's services, for the duration of
    /// the call.
    /// </summary>
    /// <param name="toolSet">The tool set.</param>
    /// <param name="call">The call from the model.</param>
    /// <param name="services">The services to bind <see cref="FromServicesAttribute"/> parameters from, or null for none.</param>
    /// <param name="cancellationToken">Cancelled when the model cancels the call or the session ends.</param>
    /// <returns>The response to send back.</returns>
    public static async ValueTask<FunctionResponse> InvokeWithServicesAsync(this ILiveToolSet toolSet, FunctionCall call, IServiceProvider? services, CancellationToken cancellationToken = default)
    {
        if (toolSet is null)
        {
            throw new ArgumentNullException(nameof(toolSet));
        }

        IServiceProvider? previous = s_current.Value;
        s_current.Value = services;
        try
        {
            return await toolSet.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            s_current.Value = previous;
        }
    }

    /// <summary>
    /// The error response of a call whose service parameter cannot be bound (generated code calls it). It names the
    /// parameter and the service type, never a value.
    /// </summary>
    /// <param name="call">The call answered.</param>
    /// <param name="parameterName">The C# parameter name.</param>
    /// <param name="serviceTypeName">The service type, as written in C#.</param>
    /// <param name="serviceKey">The key of a keyed service, as written in C#; null for an unkeyed one.</param>
    /// <returns>The response.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static FunctionResponse MissingService(FunctionCall call, string parameterName, string serviceTypeName, string? serviceKey = null)
    {
        if (call is null)
        {
            throw new ArgumentNullException(nameof(call));
        }

        string service = serviceKey is null ? serviceTypeName : serviceTypeName + " (key " + serviceKey + ")";
        string message = Current is null
            ? $"The tool \"{call.Name}\" cannot run: its parameter \"{parameterName}\" needs the service {service}, but the call has no service provider (register the tool type with AddLiveClient().AddLiveTools<T>(), or invoke it with LiveToolServices.InvokeWithServicesAsync)."
            : $"The tool \"{call.Name}\" cannot run: its parameter \"{parameterName}\" needs the service {service}, which is not registered.";
        return FunctionResponse.FromError(call.Id, call.Name, new LiveToolError(LiveToolError.StatusFailed, message, retryable: false));
    }
}
