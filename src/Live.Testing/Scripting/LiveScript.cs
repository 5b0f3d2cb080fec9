using System.Globalization;
using System.Text.Json.Nodes;

namespace Live.Testing;

/// <summary>
/// What the emulator does on one connection, step by step: expect client frames, send server messages (fixed or
/// computed from what the client sent), wait, close or drop the connection. Built fluently and queued with
/// <see cref="LiveEmulator.Script(Action{LiveScript})"/>; each new connection takes the next queued script.
/// </summary>
/// <remarks>
/// <para>
/// Before the first step the emulator validates the client's <c>setup</c> and answers <c>setupComplete</c>
/// (unless <see cref="NeverAnswerSetup"/>). An <c>Expect…</c> step takes the next client frame and fails the script
/// when it does not match; <see cref="SkipUntil(FrameMatcher, TimeSpan?)"/> passes over frames until one matches. A failed step is recorded
/// (see <see cref="LiveEmulator.Verify"/>) and closes the connection with 1011 and a reason starting
/// <c>LiveEmulator:</c>. When the steps run out the connection stays open: later frames are recorded and answered by
/// the emulator's rules (<see cref="LiveEmulator.OnUserText(string, Action{EmulatorTurn})"/>…), if any.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// emulator.Script(s =&gt; s
///     .ExpectClientContent("weather")
///     .SendToolCall("call-1", "get_weather", new JsonObject { ["city"] = "Tokyo" })
///     .ExpectToolResponse("call-1")
///     .ReplyWith(frame =&gt; ServerMessage.TextTurn($"It is {frame.ToolResponse("call-1").Output} in Tokyo."))
///     .ExpectClose());
/// </code>
/// </example>
public sealed class LiveScript
{
    private readonly List<ScriptStep> _steps = [];

    internal IReadOnlyList<ScriptStep> Steps => _steps;

    internal bool AnswersSetup { get; private set; } = true;

    internal int? HandshakeStatus { get; private set; }

    internal string? SessionId { get; private set; }

    /// <summary>
    /// Does not send <c>setupComplete</c> after a valid setup. The steps still run, so a script can leave the client
    /// waiting (with no steps, or a <see cref="Delay"/> and a <see cref="Close"/>), send other messages before
    /// <see cref="SendSetupComplete"/>, or close with an error as the service does for a rejected configuration.
    /// </summary>
    /// <returns>This script.</returns>
    public LiveScript NeverAnswerSetup()
    {
        AnswersSetup = false;
        return this;
    }

    /// <summary>Answers the WebSocket upgrade request with an HTTP error instead of accepting it; nothing else runs.</summary>
    /// <param name="httpStatus">The HTTP status, for example 403 or 404.</param>
    /// <returns>This script.</returns>
    public LiveScript RejectHandshake(int httpStatus = 403)
    {
        if (httpStatus is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(httpStatus), httpStatus, "An HTTP error status (4xx or 5xx) is required.");
        }

        HandshakeStatus = httpStatus;
        return this;
    }

    /// <summary>Reports this <c>sessionId</c> in the automatic <c>setupComplete</c>.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>This script.</returns>
    public LiveScript WithSessionId(string sessionId)
    {
        SessionId = sessionId;
        return this;
    }

    // ------------------------------------------------------------------ expectations

    /// <summary>Takes the next client frame; the script fails unless it matches.</summary>
    /// <param name="matcher">The test the frame must pass.</param>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>This script.</returns>
    public LiveScript Expect(FrameMatcher matcher, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        return Add($"expect {matcher.Description}", async context =>
        {
            EmulatorFrame frame = await NextAsync(context, matcher, timeout).ConfigureAwait(false);
            if (matcher.Matches(frame))
            {
                return;
            }

            if (frame.IsClose)
            {
                throw new ConnectionEndedException($"the client closed the connection ({Describe(frame)}) while the script expected {matcher.Description}");
            }

            throw new ScriptFailedException($"expected {matcher.Description}, got {Describe(frame)}");
        });
    }

    /// <summary>Takes the next client frame; the script fails unless the predicate accepts it.</summary>
    /// <param name="predicate">The test the frame must pass.</param>
    /// <param name="description">What it accepts, for failure messages.</param>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>This script.</returns>
    public LiveScript Expect(Func<EmulatorFrame, bool> predicate, string? description = null, TimeSpan? timeout = null) =>
        Expect(FrameMatcher.Where(predicate, description), timeout);

    /// <summary>Expects a <c>clientContent</c>, optionally containing some text (ignoring case).</summary>
    /// <param name="containing">Text the turns must contain, or null for any.</param>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>This script.</returns>
    public LiveScript ExpectClientContent(string? containing = null, TimeSpan? timeout = null) =>
        Expect(FrameMatcher.ClientContent(containing), timeout);

    /// <summary>Expects a <c>realtimeInput</c>, optionally with text containing some text (ignoring case).</summary>
    /// <param name="containing">Text the realtime text must contain, or null for any realtime input.</param>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>This script.</returns>
    public LiveScript ExpectRealtimeInput(string? containing = null, TimeSpan? timeout = null) =>
        Expect(FrameMatcher.RealtimeInput(containing), timeout);

    /// <summary>Expects a <c>toolResponse</c>, optionally answering the call with this id.</summary>
    /// <param name="id">The call id, or null for any tool response.</param>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>This script.</returns>
    public LiveScript ExpectToolResponse(string? id = null, TimeSpan? timeout = null) =>
        Expect(FrameMatcher.ToolResponse(id), timeout);

    /// <summary>Expects a <c>contextUpdate</c>.</summary>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>This script.</returns>
    public LiveScript ExpectContextUpdate(TimeSpan? timeout = null) => Expect(FrameMatcher.ContextUpdate, timeout);

    /// <summary>Expects the client to close the connection (a close frame).</summary>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>This script.</returns>
    public LiveScript ExpectClose(TimeSpan? timeout = null) => Expect(FrameMatcher.Close, timeout);

    /// <summary>Passes over client frames until one matches (for example past a stream of audio chunks).</summary>
    /// <param name="matcher">The test.</param>
    /// <param name="timeout">How long to wait in all; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>This script.</returns>
    public LiveScript SkipUntil(FrameMatcher matcher, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        return Add($"skip until {matcher.Description}", async context =>
        {
            var deadline = DateTime.UtcNow + (timeout ?? context.Connection.Options.ExpectTimeout);
            while (true)
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                EmulatorFrame frame = await NextAsync(context, matcher, left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
                if (matcher.Matches(frame))
                {
                    return;
                }

                if (frame.IsClose)
                {
                    throw new ConnectionEndedException($"the client closed the connection ({Describe(frame)}) while the script skipped until {matcher.Description}");
                }
            }
        });
    }

    /// <summary>Passes over client frames until the predicate accepts one.</summary>
    /// <param name="predicate">The test.</param>
    /// <param name="description">What it accepts, for failure messages.</param>
    /// <param name="timeout">How long to wait in all; <see cref="LiveEmulatorOptions.ExpectTimeout"/> when null.</param>
    /// <returns>This script.</returns>
    public LiveScript SkipUntil(Func<EmulatorFrame, bool> predicate, string? description = null, TimeSpan? timeout = null) =>
        SkipUntil(FrameMatcher.Where(predicate, description), timeout);

    // ------------------------------------------------------------------ replies

    /// <summary>Sends a message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>This script.</returns>
    public LiveScript Send(ServerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Add($"send {Summary(message)}", context => context.SendAsync(message));
    }

    /// <summary>Sends messages, in order.</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>This script.</returns>
    public LiveScript Send(params ServerMessage[] messages) => Send((IEnumerable<ServerMessage>)messages);

    /// <summary>Sends messages, in order.</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>This script.</returns>
    public LiveScript Send(IEnumerable<ServerMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ServerMessage[] list = messages.ToArray();
        return Add($"send {list.Length} messages", context => context.SendAsync(list));
    }

    /// <summary>Sends <c>setupComplete</c> (after <see cref="NeverAnswerSetup"/>).</summary>
    /// <param name="sessionId">The session id to report, if any.</param>
    /// <returns>This script.</returns>
    public LiveScript SendSetupComplete(string? sessionId = null) => Send(ServerMessage.SetupComplete(sessionId));

    /// <summary>Sends one partial text chunk of a model turn (no <c>turnComplete</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>This script.</returns>
    public LiveScript SendText(string text) => Send(ServerMessage.Text(text));

    /// <summary>Sends a whole text turn: the text in <paramref name="chunks"/> chunks, <c>generationComplete</c>, <c>turnComplete</c>.</summary>
    /// <param name="text">The model's answer.</param>
    /// <param name="chunks">How many partial messages.</param>
    /// <returns>This script.</returns>
    public LiveScript SendTextTurn(string text, int chunks = 1) => Send(ServerMessage.TextTurn(text, chunks));

    /// <summary>Sends a whole audio turn: the PCM in <paramref name="chunks"/> chunks (with the transcript alongside), then completion.</summary>
    /// <param name="pcm">16-bit little-endian PCM, 24 kHz mono.</param>
    /// <param name="chunks">How many audio messages.</param>
    /// <param name="transcript">The words spoken, sent as output transcription.</param>
    /// <returns>This script.</returns>
    public LiveScript SendAudioTurn(ReadOnlyMemory<byte> pcm, int chunks = 1, string? transcript = null) =>
        Send(ServerMessage.AudioTurn(pcm, chunks, transcript));

    /// <summary>Sends <c>turnComplete</c>.</summary>
    /// <returns>This script.</returns>
    public LiveScript SendTurnComplete() => Send(ServerMessage.TurnComplete());

    /// <summary>Sends <c>generationComplete</c>.</summary>
    /// <returns>This script.</returns>
    public LiveScript SendGenerationComplete() => Send(ServerMessage.GenerationComplete());

    /// <summary>Sends <c>interrupted</c>.</summary>
    /// <returns>This script.</returns>
    public LiveScript SendInterrupted() => Send(ServerMessage.Interrupted());

    /// <summary>Sends a transcription of the user's audio.</summary>
    /// <param name="text">The text.</param>
    /// <returns>This script.</returns>
    public LiveScript SendInputTranscription(string text) => Send(ServerMessage.InputTranscription(text));

    /// <summary>Sends a transcription of the model's audio.</summary>
    /// <param name="text">The text.</param>
    /// <returns>This script.</returns>
    public LiveScript SendOutputTranscription(string text) => Send(ServerMessage.OutputTranscription(text));

    /// <summary>Sends a <c>toolCall</c> with one function call.</summary>
    /// <param name="id">The call id.</param>
    /// <param name="name">The function's name.</param>
    /// <param name="args">The arguments (empty when null).</param>
    /// <returns>This script.</returns>
    public LiveScript SendToolCall(string id, string name, JsonObject? args = null) => Send(ServerMessage.ToolCall(id, name, args));

    /// <summary>Sends a <c>toolCallCancellation</c>.</summary>
    /// <param name="ids">The ids of the cancelled calls.</param>
    /// <returns>This script.</returns>
    public LiveScript SendToolCallCancellation(params string[] ids) => Send(ServerMessage.ToolCallCancellation(ids));

    /// <summary>Sends <c>goAway</c>.</summary>
    /// <param name="timeLeft">The time left before the server closes.</param>
    /// <returns>This script.</returns>
    public LiveScript SendGoAway(TimeSpan timeLeft) => Send(ServerMessage.GoAway(timeLeft));

    /// <summary>Sends a <c>sessionResumptionUpdate</c>.</summary>
    /// <param name="newHandle">The handle, or null when not resumable.</param>
    /// <param name="resumable">Whether the session can be resumed now.</param>
    /// <returns>This script.</returns>
    public LiveScript SendSessionResumptionUpdate(string? newHandle, bool resumable = true) =>
        Send(ServerMessage.SessionResumptionUpdate(newHandle, resumable));

    /// <summary>Sends <c>usageMetadata</c>.</summary>
    /// <param name="promptTokenCount">Tokens in the prompt.</param>
    /// <param name="responseTokenCount">Tokens in the response.</param>
    /// <returns>This script.</returns>
    public LiveScript SendUsageMetadata(int promptTokenCount, int responseTokenCount) =>
        Send(ServerMessage.UsageMetadata(promptTokenCount, responseTokenCount));

    /// <summary>Sends a frame exactly as given.</summary>
    /// <param name="payload">The payload.</param>
    /// <returns>This script.</returns>
    public LiveScript SendRaw(string payload) => Send(ServerMessage.Raw(payload));

    /// <summary>Sends a frame that is not JSON.</summary>
    /// <param name="payload">The payload.</param>
    /// <returns>This script.</returns>
    public LiveScript SendMalformed(string payload = "this is not JSON {") => Send(ServerMessage.Malformed(payload));

    /// <summary>Sends a message computed from the frame the last expectation matched.</summary>
    /// <param name="reply">Builds the message; an exception fails the script.</param>
    /// <returns>This script.</returns>
    public LiveScript ReplyWith(Func<EmulatorFrame, ServerMessage> reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return ReplyWith(frame => [reply(frame)]);
    }

    /// <summary>Sends messages computed from the frame the last expectation matched (for example a whole text turn).</summary>
    /// <param name="reply">Builds the messages; an exception fails the script.</param>
    /// <returns>This script.</returns>
    public LiveScript ReplyWith(Func<EmulatorFrame, IEnumerable<ServerMessage>> reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return Add("reply computed from the last frame", async context =>
        {
            EmulatorFrame frame = context.LastFrame ?? throw new ScriptFailedException("a reply needs a frame, and none was received");
            IEnumerable<ServerMessage> messages;
            try
            {
                messages = reply(frame).ToArray();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new ScriptFailedException($"the reply callback threw {exception.GetType().Name}: {exception.Message}", exception);
            }

            await context.SendAsync(messages).ConfigureAwait(false);
        });
    }

    /// <summary>Runs a custom asynchronous step, which can send, receive, close or abort through the context.</summary>
    /// <param name="step">The step; an exception fails the script.</param>
    /// <param name="description">What it does, for failure messages.</param>
    /// <returns>This script.</returns>
    public LiveScript Do(Func<ScriptContext, Task> step, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Add(description ?? "custom step", step);
    }

    // ------------------------------------------------------------------ timing and faults

    /// <summary>Waits before the next step (client frames arriving meanwhile are kept for the next expectation).</summary>
    /// <param name="delay">How long.</param>
    /// <returns>This script.</returns>
    public LiveScript Delay(TimeSpan delay) =>
        Add($"wait {delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms", context => Task.Delay(delay, context.CancellationToken));

    /// <summary>Closes the connection with a status and reason, as the service does (1000 normal, 1007 invalid argument, 1008 policy, 1011 internal, 4xxx).</summary>
    /// <param name="status">The close status.</param>
    /// <param name="reason">The reason (cut to 123 bytes).</param>
    /// <returns>This script.</returns>
    public LiveScript Close(int status = 1000, string reason = "") =>
        Add($"close {status.ToString(CultureInfo.InvariantCulture)}", context => context.CloseAsync(status, reason));

    /// <summary>
    /// Drops the TCP connection without a close frame, like a network failure (the client sees 1006). Frames sent
    /// before still reach the client: the drop comes about 200 ms after the previous step.
    /// </summary>
    /// <returns>This script.</returns>
    public LiveScript Abort() => Add("abort the connection", context => context.AbortAsync());

    private LiveScript Add(string description, Func<ScriptContext, Task> run)
    {
        _steps.Add(new ScriptStep(description, run));
        return this;
    }

    private static async Task<EmulatorFrame> NextAsync(ScriptContext context, FrameMatcher matcher, TimeSpan? timeout)
    {
        EmulatorFrame? frame;
        try
        {
            frame = await context.ReceiveAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ScriptFailedException($"timed out waiting for {matcher.Description}");
        }

        return frame ?? throw new ConnectionEndedException($"the connection ended while the script waited for {matcher.Description}");
    }

    private static string Describe(EmulatorFrame frame) => frame.IsClose
        ? $"a close frame ({frame.CloseStatus?.ToString(CultureInfo.InvariantCulture) ?? "no status"})"
        : frame.MessageType is { } type ? $"{type} {Cut(frame.Payload)}" : $"a frame that is no message: {Cut(frame.Payload)}";

    private static string Summary(ServerMessage message) => message.IsVerbatim ? "raw frame" : string.Join("+", message.Keys);

    private static string Cut(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
    }
}
