using System.Diagnostics.CodeAnalysis;

namespace Live.Tools;

/// <summary>
/// A set of functions the model may call, with their declarations and a dispatcher. The Live.Tools source
/// generator implements it for every type with <see cref="LiveToolAttribute"/> methods.
/// </summary>
public interface ILiveToolSet
{
    /// <summary>The declarations to send in the session's setup, one per tool.</summary>
    IReadOnlyList<FunctionDeclaration> FunctionDeclarations { get; }

    /// <summary>Finds the run-time options of a tool (timeout, behavior, scheduling) by function name.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="tool">The tool, when found.</param>
    /// <returns>Whether the set has a tool of that name.</returns>
    bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool);

    /// <summary>
    /// Calls the function <paramref name="call"/> names with its arguments. Never throws because of what the model
    /// sent: an unknown name, bad arguments or a failing tool give an error response (<c>{"error": "…"}</c>) that
    /// carries the call's id and name.
    /// </summary>
    /// <param name="call">The call from the model.</param>
    /// <param name="cancellationToken">Cancelled when the model cancels the call or the session ends.</param>
    /// <returns>The response to send back.</returns>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled (no response is due then).</exception>
    ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken = default);
}
