using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Live.Testing;

/// <summary>
/// The model's turn in rule mode: what the client just sent (user text and the regex match, a tool response and the
/// call it answers, or audio), and the answer the rule builds (speak, call tools, cancel, interrupt, go away…).
/// </summary>
/// <remarks>
/// The answer is sent once the rule returns. Unless the rule called a tool (the model then waits for the response)
/// or closed the connection, the turn ends with <c>generationComplete</c> and <c>turnComplete</c>, followed by a
/// <c>sessionResumptionUpdate</c> when the session enabled resumption
/// (<see cref="LiveEmulatorOptions.SendResumptionUpdates"/>).
/// <see cref="Say"/> answers in the modality the session asked for: text for <c>["TEXT"]</c>, otherwise audio (the
/// Gemini API's default), with the words as output transcription when the session asked for it.
/// </remarks>
public sealed class EmulatorTurn
{
    private readonly RuleBook _rules;
    private readonly List<Func<ConnectionSession, CancellationToken, Task>> _actions = [];
    private List<FunctionCall>? _openToolCall;

    internal EmulatorTurn(
        RuleBook rules,
        EmulatorConnection connection,
        EmulatorFrame frame,
        string userText,
        Match? match,
        ReceivedFunctionResponse? toolResponse,
        FunctionCall? call,
        ReadOnlyMemory<byte> audio,
        int audioSampleRate)
    {
        _rules = rules;
        Connection = connection;
        Frame = frame;
        UserText = userText;
        Match = match;
        ToolResponse = toolResponse;
        Call = call;
        Audio = audio;
        AudioSampleRate = audioSampleRate;
    }

    /// <summary>The connection the turn is on.</summary>
    public EmulatorConnection Connection { get; }

    /// <summary>The client frame that started the turn.</summary>
    public EmulatorFrame Frame { get; }

    /// <summary>What the user wrote (client content or realtime text); empty for tool-response and audio turns.</summary>
    public string UserText { get; }

    /// <summary>The regular-expression match of a pattern rule, or null.</summary>
    public Match? Match { get; }

    /// <summary>The value of a named (or numbered) group of <see cref="Match"/>; empty when there is none.</summary>
    /// <param name="group">The group's name or number.</param>
    /// <returns>The captured text.</returns>
    public string this[string group] => Match?.Groups[group] is { Success: true } g ? g.Value : string.Empty;

    /// <summary>The function response that started the turn, or null.</summary>
    public ReceivedFunctionResponse? ToolResponse { get; }

    /// <summary>The call <see cref="ToolResponse"/> answers, as the emulator issued it (with its arguments), or null.</summary>
    public FunctionCall? Call { get; }

    /// <summary>The tool's result: <see cref="ReceivedFunctionResponse.Output"/> of <see cref="ToolResponse"/>, or <c>default</c>.</summary>
    public JsonElement Output => ToolResponse?.Output ?? default;

    /// <summary>The audio the user streamed since the last audio turn (16-bit PCM), for an audio rule.</summary>
    public ReadOnlyMemory<byte> Audio { get; }

    /// <summary>The sample rate of <see cref="Audio"/> (from its MIME type; 16 kHz when not given).</summary>
    public int AudioSampleRate { get; }

    /// <summary>How long <see cref="Audio"/> lasts.</summary>
    public TimeSpan AudioDuration => TimeSpan.FromSeconds(Audio.Length / 2.0 / Math.Max(1, AudioSampleRate));

    /// <summary>Whether <see cref="Say"/> answers with audio (the session did not ask for text only).</summary>
    public bool RespondsWithAudio => !(Connection.ResponseModalities.Contains("TEXT") && !Connection.ResponseModalities.Contains("AUDIO"));

    /// <summary>The id of the last call made with <see cref="CallTool"/>, or null.</summary>
    public string? LastCallId { get; private set; }

    internal bool CalledTool { get; private set; }

    /// <summary>The names of the functions this turn called.</summary>
    internal List<string> CalledNames { get; } = [];

    internal bool EndedConnection { get; private set; }

    /// <summary>
    /// Answers in the session's modality: text in <paramref name="chunks"/> chunks, or synthetic audio, with the text
    /// as output transcription when the session enabled <c>outputAudioTranscription</c> (as the service does).
    /// </summary>
    /// <param name="text">The words.</param>
    /// <param name="chunks">How many partial messages.</param>
    /// <returns>This turn.</returns>
    public EmulatorTurn Say(string text, int chunks = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!RespondsWithAudio)
        {
            return SayText(text, chunks);
        }

        byte[] pcm = SyntheticSpeech.Generate(text);

        // About half a second of audio per message, as the service streams it.
        int halfSeconds = 1 + (pcm.Length / SyntheticSpeech.SampleRate);
        return SayAudio(pcm, Connection.OutputAudioTranscriptionEnabled ? text : null, Math.Max(chunks, halfSeconds));
    }

    /// <summary>Answers with text whatever the modality.</summary>
    /// <param name="text">The words.</param>
    /// <param name="chunks">How many partial messages.</param>
    /// <returns>This turn.</returns>
    public EmulatorTurn SayText(string text, int chunks = 1)
    {
        foreach (string chunk in ServerMessage.SplitText(text, chunks))
        {
            Send(ServerMessage.Text(chunk));
        }

        return this;
    }

    /// <summary>Answers with this audio (16-bit PCM, 24 kHz mono), with an optional output transcription.</summary>
    /// <param name="pcm">The audio.</param>
    /// <param name="transcript">The words, sent as output transcription alongside.</param>
    /// <param name="chunks">How many audio messages.</param>
    /// <returns>This turn.</returns>
    public EmulatorTurn SayAudio(ReadOnlyMemory<byte> pcm, string? transcript = null, int chunks = 1)
    {
        IReadOnlyList<ServerMessage> messages = ServerMessage.AudioTurn(pcm, chunks, transcript);

        // AudioTurn ends with generationComplete and turnComplete; the turn adds those itself at the end.
        foreach (ServerMessage message in messages.Take(messages.Count - 2))
        {
            Send(message);
        }

        return this;
    }

    /// <summary>
    /// Calls a function. Consecutive calls in one turn go out together in one <c>toolCall</c>, as the model calls
    /// functions in parallel. The turn then waits for the client's tool response (no <c>turnComplete</c>), which
    /// <see cref="LiveEmulator.OnToolResponse"/> rules answer.
    /// </summary>
    /// <param name="name">The function's name.</param>
    /// <param name="args">The arguments (empty when null).</param>
    /// <returns>This turn; the call's id is <see cref="LastCallId"/>.</returns>
    /// <exception cref="LiveEmulatorException">
    /// The session's setup does not declare <paramref name="name"/>, or <paramref name="args"/> do not fit its parameters
    /// (see <see cref="LiveEmulatorOptions.ValidateToolCalls"/>); the rule fails.
    /// </exception>
    public EmulatorTurn CallTool(string name, JsonObject? args = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Connection.Options.ValidateToolCalls)
        {
            DeclaredCallCheck.Check(Connection, name, args);
        }

        FunctionCall call = _rules.IssueCall(name, args);
        LastCallId = call.Id;
        CalledTool = true;
        CalledNames.Add(name);
        if (_openToolCall is null)
        {
            List<FunctionCall> batch = _openToolCall = [];
            _actions.Add((session, token) => session.SendAsync(ServerMessage.ToolCall([.. batch]), token));
        }

        _openToolCall.Add(call);
        return this;
    }

    /// <summary>Sends a <c>toolCallCancellation</c> for every call the client has not answered yet.</summary>
    /// <returns>This turn.</returns>
    public EmulatorTurn CancelPendingToolCalls()
    {
        string[] ids = _rules.TakePendingCallIds();
        return ids.Length == 0 ? this : Send(ServerMessage.ToolCallCancellation(ids));
    }

    /// <summary>Sends a transcription of the user's audio.</summary>
    /// <param name="text">The text.</param>
    /// <returns>This turn.</returns>
    public EmulatorTurn TranscribeInput(string text) => Send(ServerMessage.InputTranscription(text));

    /// <summary>Sends <c>interrupted</c>.</summary>
    /// <returns>This turn.</returns>
    public EmulatorTurn Interrupt() => Send(ServerMessage.Interrupted());

    /// <summary>Sends <c>goAway</c>.</summary>
    /// <param name="timeLeft">The time left.</param>
    /// <returns>This turn.</returns>
    public EmulatorTurn GoAway(TimeSpan timeLeft) => Send(ServerMessage.GoAway(timeLeft));

    /// <summary>Sends any message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>This turn.</returns>
    public EmulatorTurn Send(ServerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _openToolCall = null;
        _actions.Add((session, token) => session.SendAsync(message, token));
        return this;
    }

    /// <summary>Waits before what follows.</summary>
    /// <param name="delay">How long.</param>
    /// <returns>This turn.</returns>
    public EmulatorTurn Pause(TimeSpan delay)
    {
        _openToolCall = null;
        _actions.Add((_, token) => Task.Delay(delay, token));
        return this;
    }

    /// <summary>Closes the connection with a status and reason (the turn does not complete).</summary>
    /// <param name="status">The close status.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>This turn.</returns>
    public EmulatorTurn Close(int status, string reason = "")
    {
        EndedConnection = true;
        _openToolCall = null;
        _actions.Add((session, _) => session.CloseAsync(status, reason));
        return this;
    }

    /// <summary>Drops the connection without a close frame (the turn does not complete).</summary>
    /// <returns>This turn.</returns>
    public EmulatorTurn Abort()
    {
        EndedConnection = true;
        _openToolCall = null;
        _actions.Add((session, _) => session.AbortAsync());
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => ToolResponse is { } response
        ? $"turn answering {response}"
        : $"turn answering \"{UserText}\" ({Audio.Length.ToString(CultureInfo.InvariantCulture)} audio bytes)";

    internal async Task PlayAsync(ConnectionSession session, CancellationToken cancellationToken)
    {
        foreach (Func<ConnectionSession, CancellationToken, Task> action in _actions)
        {
            await action(session, cancellationToken).ConfigureAwait(false);
        }
    }
}
