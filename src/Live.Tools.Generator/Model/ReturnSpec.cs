namespace Live.Tools.Generator.Model;

/// <summary>What a tool method returns and how the result is written.</summary>
/// <param name="Awaitable">How the method is awaited.</param>
/// <param name="TypeName">The result type (after unwrapping the task), or null when there is none.</param>
/// <param name="Value">How the generated code writes the result, when it does.</param>
/// <param name="JsonContextTypeName">The user's <c>JsonSerializerContext</c> that writes the result instead, or null.</param>
internal sealed record ReturnSpec(
    AwaitableKind Awaitable,
    string? TypeName,
    ValueSpec? Value,
    string? JsonContextTypeName);

/// <summary>Whether and how a tool method is awaited.</summary>
internal enum AwaitableKind
{
    None,
    Task,
    ValueTask,

    /// <summary>An <c>IAsyncEnumerable&lt;T&gt;</c>: a streaming tool, dispatched through <c>LiveToolResponses.StreamAsync</c>.</summary>
    AsyncEnumerable,
}
