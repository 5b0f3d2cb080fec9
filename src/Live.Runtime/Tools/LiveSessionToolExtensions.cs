using System.Runtime.CompilerServices;
using Live.Tools;

namespace Live;

/// <summary>
/// Runs a session with tools: every <c>toolCall</c> is answered by the <see cref="ILiveToolSet"/>, every
/// <c>toolCallCancellation</c> cancels the calls it names, and the receive stream never waits for a tool.
/// </summary>
/// <remarks>
/// <para>Each function call runs as its own task, with its own cancellation token, linked to the loop's token and to the
/// tool's timeout: on the thread pool, or (one call per message) on the loop's own thread once the loop has started
/// waiting for the next message, which another thread then reads; a tool never runs while the loop is reading. Audio and other messages keep flowing while tools run; at most
/// <see cref="LiveToolOptions.MaxConcurrency"/> calls run at once.</para>
/// <para>Every call that is not cancelled gets exactly one response: its output, or an error (unknown function, bad
/// arguments, exception, timeout). A cancelled call never gets one, even when its tool finishes afterwards.</para>
/// <para>When the loop ends (the server closes, an error, the token, or leaving the stream), calls in flight are cancelled and
/// awaited for up to <see cref="LiveToolOptions.ShutdownGracePeriod"/>. The loop owns the session's receive side while it runs.</para>
/// </remarks>
public static class LiveSessionToolExtensions
{
    /// <summary>
    /// Receives messages and answers tool calls until the session closes, <see cref="LiveToolOptions.StopWhen"/> returns true
    /// or <paramref name="cancellationToken"/> is cancelled.
    /// Every message other than a tool call or a cancellation goes to <paramref name="onMessage"/>.
    /// </summary>
    /// <param name="session">The session; its setup must declare the tool set's functions.</param>
    /// <param name="tools">The tools, for example a class with <c>[LiveTool]</c> methods.</param>
    /// <param name="onMessage">Called, in order, for every other message; the loop waits for it, so keep it short.</param>
    /// <param name="options">How tools run; null for the defaults.</param>
    /// <param name="cancellationToken">Ends the loop.</param>
    /// <returns>A task that completes when the server closes the session normally or <see cref="LiveToolOptions.StopWhen"/> returned true.</returns>
    /// <exception cref="LiveException">The session ended abnormally.</exception>
    /// <exception cref="InvalidOperationException">The session's setup does not declare a function of the tool set.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task RunWithToolsAsync(
        this AsyncSession session,
        ILiveToolSet tools,
        Func<LiveServerMessage, CancellationToken, ValueTask>? onMessage = null,
        LiveToolOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        await foreach (LiveServerMessage message in ReceiveCoreAsync(session, tools, options, yieldToolMessages: false, cancellationToken).ConfigureAwait(false))
        {
            if (onMessage is not null)
            {
                await onMessage(message, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The same loop as <see cref="RunWithToolsAsync"/>, as a stream: every message is yielded, tool calls and cancellations
    /// too (after they are dispatched), so a UI can show "calling get_weather…". Leaving the <c>await foreach</c> ends the loop
    /// and cancels the tools in flight.
    /// </summary>
    /// <param name="session">The session; its setup must declare the tool set's functions.</param>
    /// <param name="tools">The tools.</param>
    /// <param name="options">How tools run; null for the defaults.</param>
    /// <param name="cancellationToken">Ends the loop.</param>
    /// <returns>Every message of the session.</returns>
    public static IAsyncEnumerable<LiveServerMessage> ReceiveWithToolsAsync(
        this AsyncSession session,
        ILiveToolSet tools,
        LiveToolOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ReceiveCoreAsync(session, tools, options, yieldToolMessages: true, cancellationToken);

    private static async IAsyncEnumerable<LiveServerMessage> ReceiveCoreAsync(
        AsyncSession session,
        ILiveToolSet tools,
        LiveToolOptions? options,
        bool yieldToolMessages,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        if (tools is null)
        {
            throw new ArgumentNullException(nameof(tools));
        }

        Func<LiveServerMessage, bool>? stopWhen = options?.StopWhen;
        var loop = new ToolLoop(session, tools, options, cancellationToken);
        try
        {
            loop.Start();
            IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync(loop.Token).GetAsyncEnumerator(loop.Token);
            try
            {
                while (true)
                {
                    LiveServerMessage message;
                    try
                    {
                        if (!await new RunWhileWaiting(messages.MoveNextAsync(), loop.Scheduler))
                        {
                            break;
                        }

                        message = messages.Current;
                    }
                    catch (LiveProtocolException ex) when (!ex.IsFatal)
                    {
                        // One malformed frame: skip it and go on reading (the session is still open).
                        loop.LogMalformed(ex);
                        await messages.DisposeAsync().ConfigureAwait(false);
                        messages = session.ReceiveAsync(loop.Token).GetAsyncEnumerator(loop.Token);
                        continue;
                    }

                    bool toolOnly = loop.Dispatch(message);
                    if (!toolOnly || yieldToolMessages)
                    {
                        // The caller's code runs now: the calls just started must not wait for it.
                        loop.Scheduler.FlushDeferred();
                        yield return message;
                    }

                    if (stopWhen is not null && stopWhen(message))
                    {
                        break;
                    }
                }
            }
            finally
            {
                loop.Scheduler.FlushDeferred();
                await messages.DisposeAsync().ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            await loop.ShutdownAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Whether a message carries anything besides tool calls and cancellations.</summary>
    internal static bool HasNonToolContent(LiveServerMessage message) =>
        message.SetupComplete is not null
        || message.ServerContent is not null
        || message.UsageMetadata is not null
        || message.GoAway is not null
        || message.SessionResumptionUpdate is not null
        || message.VoiceActivity is not null
        || message.VoiceActivityDetectionSignal is not null
        || message.AdditionalProperties is { Count: > 0 };
}
