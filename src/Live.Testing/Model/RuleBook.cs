using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Live.Testing;

/// <summary>
/// The emulator's rule mode: a tiny "model" that answers user text, tool responses and streamed audio with the
/// first matching rule. Pending tool calls are tracked across connections, so a resumed session can answer them.
/// </summary>
internal sealed class RuleBook
{
    private static readonly TimeSpan s_matchTimeout = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly ConcurrentDictionary<string, FunctionCall> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, ConnectionState> _states = new();
    private Action<EmulatorTurn>? _otherwise;
    private int _calls;
    private int _handles;

    private enum RuleKind
    {
        UserText,
        ToolResponse,
        Audio,
    }

    public bool HasRules
    {
        get
        {
            lock (_gate)
            {
                return _rules.Count > 0 || _otherwise is not null;
            }
        }
    }

    public void AddUserText(Regex? pattern, Func<string, bool>? predicate, Action<EmulatorTurn> respond) =>
        Add(new Rule(RuleKind.UserText, pattern, predicate, null, respond));

    public void AddToolResponse(string functionName, Action<EmulatorTurn> respond) =>
        Add(new Rule(RuleKind.ToolResponse, null, null, functionName, respond));

    public void AddAudio(Action<EmulatorTurn> respond) => Add(new Rule(RuleKind.Audio, null, null, null, respond));

    public void SetOtherwise(Action<EmulatorTurn> respond)
    {
        lock (_gate)
        {
            _otherwise = respond;
        }
    }

    public FunctionCall IssueCall(string name, JsonObject? args)
    {
        string id = "call-" + Interlocked.Increment(ref _calls).ToString(CultureInfo.InvariantCulture);
        using JsonDocument document = JsonDocument.Parse((args ?? new JsonObject()).ToJsonString());
        var call = new FunctionCall { Id = id, Name = name, Args = document.RootElement.Clone() };
        _pending[id] = call;
        return call;
    }

    public string[] TakePendingCallIds()
    {
        string[] ids = _pending.Keys.Order(StringComparer.Ordinal).ToArray();
        foreach (string id in ids)
        {
            _pending.TryRemove(id, out _);
        }

        return ids;
    }

    public async Task HandleAsync(ConnectionSession session, EmulatorFrame frame, CancellationToken cancellationToken)
    {
        if (!HasRules)
        {
            return;
        }

        ConnectionState state = _states.GetOrAdd(session.Connection.Number, _ => new ConnectionState());
        LiveEmulatorProfile? profile = session.Connection.Options.Profile;
        if (profile is { CancelsBlockingCallsOnInput: true } && frame.Kind is ClientMessageKind.ClientContent or ClientMessageKind.RealtimeInput)
        {
            // New input while a BLOCKING call runs: the server cancels the call (Gemini 3.8 Live).
            string[] blocking = _pending.Values
                .Where(c => profile.BehaviorOf(session.Connection.Setup, c.Name) == "BLOCKING")
                .Select(c => c.Id!)
                .Order(StringComparer.Ordinal)
                .ToArray();
            foreach (string id in blocking)
            {
                _pending.TryRemove(id, out _);
            }

            if (blocking.Length > 0)
            {
                await session.SendAsync(ServerMessage.ToolCallCancellation(blocking), cancellationToken).ConfigureAwait(false);
            }
        }

        bool speechEnded = frame.Kind == ClientMessageKind.RealtimeInput && TrackSpeech(frame, state);
        EmulatorTurn? turn = frame.Kind switch
        {
            ClientMessageKind.ClientContent => OnClientContent(session, frame, state),
            ClientMessageKind.RealtimeInput => OnRealtimeInput(session, frame, state),
            ClientMessageKind.ToolResponse => OnToolResponse(session, frame),
            _ => null,
        };

        if (speechEnded)
        {
            // The user finished speaking: the INTERRUPT responses held meanwhile are taken up first.
            while (state.Held.TryDequeue(out EmulatorTurn? held))
            {
                await PlayAsync(session, held, profile, cancellationToken).ConfigureAwait(false);
            }
        }

        if (turn is null)
        {
            return;
        }

        if (frame.Kind == ClientMessageKind.ToolResponse && state.Speaking
            && profile is { InterruptWaitsForEndOfSpeech: true } && turn.ToolResponse?.Scheduling == "INTERRUPT")
        {
            // Gemini 3.8 Live: scheduling INTERRUPT waits for the user to finish speaking.
            state.Held.Enqueue(turn);
            return;
        }

        await PlayAsync(session, turn, profile, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the user is speaking after this frame; true when the frame ended their speech.</summary>
    private static bool TrackSpeech(EmulatorFrame frame, ConnectionState state)
    {
        if (frame.Audio.Length > 0 || JsonFields.TryGet(frame.Body, "activityStart", out _))
        {
            state.Speaking = true;
        }

        bool end = JsonFields.GetBool(frame.Body, "audioStreamEnd") || JsonFields.TryGet(frame.Body, "activityEnd", out _);
        if (end && state.Speaking)
        {
            state.Speaking = false;
            return true;
        }

        return false;
    }

    private async Task PlayAsync(ConnectionSession session, EmulatorTurn turn, LiveEmulatorProfile? profile, CancellationToken cancellationToken)
    {
        await turn.PlayAsync(session, cancellationToken).ConfigureAwait(false);
        if (turn.EndedConnection)
        {
            return;
        }

        if (turn.CalledTool)
        {
            // A model that runs the calls in the background (all of them NON_BLOCKING) ends its turn and keeps the
            // request open; otherwise it waits for the tool responses.
            if (profile is not null && turn.CalledNames.All(n => profile.BehaviorOf(session.Connection.Setup, n) == "NON_BLOCKING"))
            {
                await session.SendAsync(ServerMessage.GenerationComplete(), cancellationToken).ConfigureAwait(false);
                await session.SendAsync(
                    profile.SendsInteractionStatus ? ServerMessage.InteractionStatus("IN_PROGRESS", turnComplete: true) : ServerMessage.TurnComplete(),
                    cancellationToken).ConfigureAwait(false);
            }
            else if (profile is { SendsInteractionStatus: true })
            {
                await session.SendAsync(ServerMessage.InteractionStatus("IN_PROGRESS"), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await session.SendAsync(ServerMessage.GenerationComplete(), cancellationToken).ConfigureAwait(false);
        await session.SendAsync(
            profile is { SendsInteractionStatus: true } ? ServerMessage.InteractionStatus(_pending.IsEmpty ? "IDLE" : "IN_PROGRESS", turnComplete: true) : ServerMessage.TurnComplete(),
            cancellationToken).ConfigureAwait(false);
        if (session.Connection.ResumptionEnabled && session.Connection.Options.SendResumptionUpdates)
        {
            string handle = string.Create(
                CultureInfo.InvariantCulture,
                $"emulator-handle-{session.Connection.Number}-{Interlocked.Increment(ref _handles)}");
            await session.SendAsync(ServerMessage.SessionResumptionUpdate(handle), cancellationToken).ConfigureAwait(false);
        }
    }

    private EmulatorTurn? OnClientContent(ConnectionSession session, EmulatorFrame frame, ConnectionState state)
    {
        state.Text.Append(frame.Text);
        if (!frame.TurnComplete)
        {
            return null;
        }

        string text = state.Text.ToString();
        state.Text.Clear();
        return TextTurn(session, frame, text);
    }

    private EmulatorTurn? OnRealtimeInput(ConnectionSession session, EmulatorFrame frame, ConnectionState state)
    {
        byte[] audio = frame.Audio;
        if (audio.Length > 0)
        {
            state.Audio.Write(audio);
            state.SampleRate = SampleRateOf(frame) ?? state.SampleRate;
        }

        if (JsonFields.GetString(frame.Body, "text") is { Length: > 0 } text)
        {
            return TextTurn(session, frame, text);
        }

        bool endOfAudio = JsonFields.GetBool(frame.Body, "audioStreamEnd") || JsonFields.TryGet(frame.Body, "activityEnd", out _);
        if (!endOfAudio || state.Audio.Length == 0)
        {
            return null;
        }

        byte[] heard = state.Audio.ToArray();
        state.Audio.SetLength(0);
        Rule? rule = FirstRule(r => r.Kind == RuleKind.Audio);
        var turn = new EmulatorTurn(this, session.Connection, frame, string.Empty, null, null, null, heard, state.SampleRate);
        Respond(turn, rule?.Respond, t => t.Say(string.Create(
            CultureInfo.InvariantCulture,
            $"I heard {t.AudioDuration.TotalSeconds:0.0} seconds of audio.")));
        return turn;
    }

    private EmulatorTurn? OnToolResponse(ConnectionSession session, EmulatorFrame frame)
    {
        ReceivedFunctionResponse? chosen = null;
        FunctionCall? chosenCall = null;
        Rule? chosenRule = null;
        foreach (ReceivedFunctionResponse response in frame.FunctionResponses)
        {
            if (response.WillContinue == true && session.Connection.Options.Profile?.IgnoresWillContinue != true)
            {
                // An interim response: the call stays open and the model waits for more.
                continue;
            }

            FunctionCall? call = response.Id is { } id && _pending.TryRemove(id, out FunctionCall? issued) ? issued : null;
            string? name = call?.Name ?? response.Name;
            Rule? rule = FirstRule(r => r.Kind == RuleKind.ToolResponse && r.FunctionName == name);
            if (chosen is null || (chosenRule is null && rule is not null))
            {
                chosen = response;
                chosenCall = call;
                chosenRule = rule;
            }
        }

        if (chosen is null)
        {
            return null;
        }

        var turn = new EmulatorTurn(this, session.Connection, frame, string.Empty, null, chosen, chosenCall, ReadOnlyMemory<byte>.Empty, 0);
        Respond(turn, chosenRule?.Respond, t => t.Say(t.ToolResponse!.IsError
            ? $"The {t.ToolResponse.Name} tool failed: {t.ToolResponse.Error}"
            : $"The {t.ToolResponse.Name} tool returned {t.Output}."));
        return turn;
    }

    private EmulatorTurn TextTurn(ConnectionSession session, EmulatorFrame frame, string text)
    {
        Match? match = null;
        Rule? rule = FirstRule(r =>
        {
            if (r.Kind != RuleKind.UserText)
            {
                return false;
            }

            if (r.Pattern is { } pattern)
            {
                Match m = pattern.Match(text);
                if (m.Success)
                {
                    match = m;
                    return true;
                }

                return false;
            }

            return r.Predicate!(text);
        });

        var turn = new EmulatorTurn(this, session.Connection, frame, text, match, null, null, ReadOnlyMemory<byte>.Empty, 0);
        Respond(turn, rule?.Respond, t => t.Say($"The emulator has no rule for \"{t.UserText}\"."));
        return turn;
    }

    private void Respond(EmulatorTurn turn, Action<EmulatorTurn>? rule, Action<EmulatorTurn> fallback)
    {
        Action<EmulatorTurn>? otherwise;
        lock (_gate)
        {
            otherwise = _otherwise;
        }

        (rule ?? otherwise ?? fallback)(turn);
    }

    private Rule? FirstRule(Func<Rule, bool> test)
    {
        Rule[] rules;
        lock (_gate)
        {
            rules = [.. _rules];
        }

        return rules.FirstOrDefault(test);
    }

    private void Add(Rule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    private static int? SampleRateOf(EmulatorFrame frame)
    {
        JsonElement blob = JsonFields.TryGet(frame.Body, "audio", out JsonElement audio)
            ? audio
            : JsonFields.GetArray(frame.Body, "mediaChunks").FirstOrDefault();
        string? mime = JsonFields.GetString(blob, "mimeType");
        int at = mime?.IndexOf("rate=", StringComparison.OrdinalIgnoreCase) ?? -1;
        return at >= 0 && int.TryParse(mime.AsSpan(at + 5), NumberStyles.None, CultureInfo.InvariantCulture, out int rate) ? rate : null;
    }

    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, s_matchTimeout);

    private sealed record Rule(RuleKind Kind, Regex? Pattern, Func<string, bool>? Predicate, string? FunctionName, Action<EmulatorTurn> Respond);

    private sealed class ConnectionState
    {
        public StringBuilder Text { get; } = new();

        public MemoryStream Audio { get; } = new();

        public int SampleRate { get; set; } = 16000;

        /// <summary>Whether the user is speaking: audio or <c>activityStart</c> since the last end of speech.</summary>
        public bool Speaking { get; set; }

        /// <summary>Tool-response turns held until the user finishes speaking.</summary>
        public Queue<EmulatorTurn> Held { get; } = new();
    }
}
