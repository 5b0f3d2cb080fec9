using System.Diagnostics.CodeAnalysis;
using Live.Tools;

namespace Live.AspNetCore;

/// <summary>
/// Wraps the user's tool set so the page sees the tool activity: a <c>toolCall</c> message when a call starts, a
/// <c>toolResult</c> with the response sent to the model when it ends, <c>toolCancelled</c> when the model cancels it.
/// The tool still runs on the server, under the tool loop's rules (its own task, timeout and cancellation).
/// </summary>
internal sealed class RelayedToolSet(ILiveToolSet inner, LiveRelayConnection connection, LiveRelayOptions options) : ILiveToolSet
{
    public IReadOnlyList<FunctionDeclaration> FunctionDeclarations => inner.FunctionDeclarations;

    public bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool) => inner.TryGetTool(name, out tool);

    public async ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        if (options.ForwardToolCalls)
        {
            await connection.EnqueueAsync(LiveRelayConnection.Outgoing.Control(RelayMessages.ToolCall(call)), cancellationToken).ConfigureAwait(false);
        }

        FunctionResponse response;
        try
        {
            response = await inner.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // No response is due for a cancelled call. The page is told; when the session is ending the queue is closed and
            // the message is dropped with it.
            await connection.EnqueueAsync(LiveRelayConnection.Outgoing.Control(RelayMessages.ToolCancelled(call)), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (options.ForwardToolResults)
        {
            // Waits while the page's queue is full (the same backpressure as audio); never drops the result.
            await connection.EnqueueAsync(LiveRelayConnection.Outgoing.Control(RelayMessages.ToolResult(response)), CancellationToken.None).ConfigureAwait(false);
        }

        return response;
    }
}
