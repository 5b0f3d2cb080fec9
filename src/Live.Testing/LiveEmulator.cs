using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Live.Testing;

/// <summary>
/// An in-process Gemini Live API server for tests and demos: a Kestrel WebSocket endpoint on 127.0.0.1 (ephemeral
/// port) that speaks the protocol of the official clients. It checks the API key, validates <c>setup</c> like the
/// service (unknown or malformed fields close with 1007 and a reason naming the field), answers
/// <c>setupComplete</c>, then plays a per-connection <see cref="LiveScript"/> and/or answers with simple rules, and
/// records every frame both ways.
/// </summary>
/// <remarks>
/// <para>
/// Paths: <c>/ws/google.ai.generativelanguage.{version}.GenerativeService.BidiGenerateContent</c> and
/// <c>…BidiGenerateContentConstrained</c> (ephemeral tokens), with one or two leading slashes as the official
/// clients send them. Server frames are binary UTF-8 JSON like the production service
/// (<see cref="LiveEmulatorOptions.ServerFramesAsText"/> switches to text frames).
/// </para>
/// <para>
/// Each new connection takes the next script queued with <see cref="Script(Action{LiveScript})"/>; a connection with
/// no script, and a connection whose script has run out, is answered by the rules (<see cref="OnUserText(string, Action{EmulatorTurn})"/>,
/// <see cref="OnToolResponse"/>, <see cref="OnAudio"/>, <see cref="Otherwise"/>) when there are any, and otherwise
/// only recorded. All members are thread-safe.
/// </para>
/// </remarks>
/// <example>
/// A scripted round trip, checked from the test:
/// <code>
/// await using var emulator = await LiveEmulator.StartAsync();
/// emulator.Script(s =&gt; s
///     .ExpectClientContent("weather")
///     .SendToolCall("call-1", "get_weather", new JsonObject { ["city"] = "Tokyo" })
///     .ExpectToolResponse("call-1")
///     .ReplyWith(frame =&gt; ServerMessage.TextTurn($"It is {frame.ToolResponse("call-1").Output} in Tokyo.")));
///
/// // … run the code under test against emulator.BaseUrl with emulator.ApiKey (or emulator.CreateClient()) …
///
/// EmulatorFrame response = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponse("call-1"));
/// await emulator.VerifyAsync();
/// </code>
/// The same conversation as rules, which work for any wording:
/// <code>
/// emulator
///     .OnUserText(@"weather in (?&lt;city&gt;\w+)", turn =&gt; turn.CallTool("get_weather", new JsonObject { ["city"] = turn["city"] }))
///     .OnToolResponse("get_weather", turn =&gt; turn.Say($"It is {turn.Output} in {turn.Call!.Args!.Value.GetProperty("city")}."));
/// </code>
/// </example>
public sealed partial class LiveEmulator : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<EmulatorFrame> _frames = [];
    private readonly List<EmulatorConnection> _connections = [];
    private readonly Queue<LiveScript> _scripts = new();
    private readonly List<string> _failures = [];
    private readonly List<Waiter> _waiters = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ConnectionSession> _sessions = [];
    private WebApplication? _app;
    private long _sequence;
    private int _disposed;

    private LiveEmulator(LiveEmulatorOptions options)
    {
        Options = options;
    }

    /// <summary>The emulator's settings.</summary>
    public LiveEmulatorOptions Options { get; }

    /// <summary>The base URL to give a client, for example <c>http://127.0.0.1:49152/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The TCP port the emulator listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The API key a client should use: <see cref="LiveEmulatorOptions.ApiKey"/>, or a placeholder when any key is accepted.</summary>
    public string ApiKey => Options.ApiKey ?? LiveEmulatorOptions.DefaultApiKey;

    /// <summary>Every frame recorded so far, both ways and on every connection, in order.</summary>
    public IReadOnlyList<EmulatorFrame> Frames
    {
        get
        {
            lock (_gate)
            {
                return _frames.ToArray();
            }
        }
    }

    /// <summary>The frames clients sent (close frames included), in order of arrival.</summary>
    public IReadOnlyList<EmulatorFrame> ReceivedFrames => Frames.Where(f => f.Direction == FrameDirection.ClientToServer).ToArray();

    /// <summary>The frames the emulator sent (close frames included), in order.</summary>
    public IReadOnlyList<EmulatorFrame> SentFrames => Frames.Where(f => f.Direction == FrameDirection.ServerToClient).ToArray();

    /// <summary>The connections so far, in order of arrival.</summary>
    public IReadOnlyList<EmulatorConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return _connections.ToArray();
            }
        }
    }

    /// <summary>Script failures so far (expectations not met, callbacks that threw), one message each.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures.ToArray();
            }
        }
    }

    /// <summary>How many queued scripts no connection has taken yet.</summary>
    public int PendingScripts
    {
        get
        {
            lock (_gate)
            {
                return _scripts.Count;
            }
        }
    }

    internal RuleBook Rules { get; } = new();

    /// <summary>Starts an emulator on 127.0.0.1 with an ephemeral port.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<LiveEmulator> StartAsync(LiveEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new LiveEmulator(options ?? new LiveEmulatorOptions());
        try
        {
            await emulator.StartServerAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return emulator;
    }

    /// <summary>
    /// The WebSocket URL the official JavaScript client would open for this emulator:
    /// <c>ws://127.0.0.1:{port}/ws/google.ai.generativelanguage.{version}.GenerativeService.BidiGenerateContent?key={key}</c>.
    /// </summary>
    /// <param name="apiVersion">The API version in the path.</param>
    /// <returns>The URL.</returns>
    public Uri GetWebSocketUrl(string apiVersion = "v1beta") => new(string.Create(
        CultureInfo.InvariantCulture,
        $"ws://127.0.0.1:{Port}/ws/google.ai.generativelanguage.{apiVersion}.GenerativeService.BidiGenerateContent?key={Uri.EscapeDataString(ApiKey)}"));

    // ------------------------------------------------------------------ scripts and rules

    /// <summary>Queues a script for the next connection that arrives without one.</summary>
    /// <param name="build">Builds the script.</param>
    /// <returns>This emulator.</returns>
    public LiveEmulator Script(Action<LiveScript> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var script = new LiveScript();
        build(script);
        lock (_gate)
        {
            _scripts.Enqueue(script);
        }

        return this;
    }

    /// <summary>
    /// Answers user text (client content with <c>turnComplete</c>, or realtime text) matching a regular expression
    /// (case-insensitive) with the turn the rule builds. Rules are tried in the order added; the first match answers.
    /// Named groups are available as <c>turn["name"]</c>.
    /// </summary>
    /// <param name="pattern">The regular expression, for example <c>@"weather in (?&lt;city&gt;\w+)"</c>.</param>
    /// <param name="respond">Builds the answer.</param>
    /// <returns>This emulator.</returns>
    public LiveEmulator OnUserText([StringSyntax(StringSyntaxAttribute.Regex)] string pattern, Action<EmulatorTurn> respond)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(respond);
        Rules.AddUserText(RuleBook.Compile(pattern), null, respond);
        return this;
    }

    /// <summary>Answers user text the predicate accepts with the turn the rule builds.</summary>
    /// <param name="predicate">Tests the user's text.</param>
    /// <param name="respond">Builds the answer.</param>
    /// <returns>This emulator.</returns>
    public LiveEmulator OnUserText(Func<string, bool> predicate, Action<EmulatorTurn> respond)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(respond);
        Rules.AddUserText(null, predicate, respond);
        return this;
    }

    /// <summary>
    /// Answers a tool response for this function (a call the emulator issued with <see cref="EmulatorTurn.CallTool"/>,
    /// or one a script sent) with the turn the rule builds; <see cref="EmulatorTurn.Output"/> holds the tool's result
    /// and <see cref="EmulatorTurn.Call"/> the call with its arguments.
    /// </summary>
    /// <param name="functionName">The function's name.</param>
    /// <param name="respond">Builds the answer.</param>
    /// <returns>This emulator.</returns>
    public LiveEmulator OnToolResponse(string functionName, Action<EmulatorTurn> respond)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentNullException.ThrowIfNull(respond);
        Rules.AddToolResponse(functionName, respond);
        return this;
    }

    /// <summary>
    /// Answers streamed audio when the client ends it (<c>audioStreamEnd</c> or <c>activityEnd</c>);
    /// <see cref="EmulatorTurn.Audio"/> holds what was streamed since the last audio turn.
    /// </summary>
    /// <param name="respond">Builds the answer.</param>
    /// <returns>This emulator.</returns>
    public LiveEmulator OnAudio(Action<EmulatorTurn> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        Rules.AddAudio(respond);
        return this;
    }

    /// <summary>
    /// Answers whatever no other rule answers. Without it, rule mode answers such turns by saying that it has no rule
    /// (for text), how much audio it heard, or what the tool returned.
    /// </summary>
    /// <param name="respond">Builds the answer.</param>
    /// <returns>This emulator.</returns>
    public LiveEmulator Otherwise(Action<EmulatorTurn> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        Rules.SetOtherwise(respond);
        return this;
    }

    // ------------------------------------------------------------------ waiting and verifying

    /// <summary>Waits for a recorded frame (already recorded or still to come) that the predicate accepts.</summary>
    /// <param name="predicate">The test; it sees frames of both directions and all connections.</param>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.WaitTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first matching frame.</returns>
    /// <exception cref="LiveEmulatorException">No such frame in time; the message lists the last frames recorded.</exception>
    public Task<EmulatorFrame> WaitForFrameAsync(Func<EmulatorFrame, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitForFrameAsync(FrameMatcher.Where(predicate), timeout, cancellationToken);

    /// <summary>Waits for a recorded frame (already recorded or still to come) that the matcher accepts.</summary>
    /// <param name="matcher">The test; it sees frames of both directions and all connections.</param>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.WaitTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first matching frame.</returns>
    /// <exception cref="LiveEmulatorException">No such frame in time; the message lists the last frames recorded.</exception>
    public async Task<EmulatorFrame> WaitForFrameAsync(FrameMatcher matcher, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        TimeSpan wait = timeout ?? Options.WaitTimeout;
        var waiter = new Waiter(matcher);
        lock (_gate)
        {
            foreach (EmulatorFrame frame in _frames)
            {
                if (waiter.Offer(frame))
                {
                    break;
                }
            }

            if (!waiter.Task.IsCompleted)
            {
                _waiters.Add(waiter);
            }
        }

        try
        {
            return await waiter.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new LiveEmulatorException(
                $"No frame matching {matcher.Description} within {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. {DescribeRecent()}");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits until connection number <paramref name="number"/> (from 1) has arrived.</summary>
    /// <param name="number">The connection's number.</param>
    /// <param name="timeout">How long to wait; <see cref="LiveEmulatorOptions.WaitTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="LiveEmulatorException">It did not arrive in time.</exception>
    public async Task<EmulatorConnection> WaitForConnectionAsync(int number, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        TimeSpan wait = timeout ?? Options.WaitTimeout;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            lock (_gate)
            {
                if (_connections.Count >= number)
                {
                    return _connections[number - 1];
                }
            }

            if (deadline.Elapsed >= wait)
            {
                throw new LiveEmulatorException(
                    $"Connection {number.ToString(CultureInfo.InvariantCulture)} did not arrive within {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({Connections.Count.ToString(CultureInfo.InvariantCulture)} so far).");
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Throws when a script failed, was interrupted or is still running, or a queued script was never used: the
    /// test's proof that the client did what the scripts expected.
    /// </summary>
    /// <exception cref="LiveEmulatorException">Something went wrong; the message lists every problem.</exception>
    public void Verify()
    {
        var problems = new List<string>();
        lock (_gate)
        {
            problems.AddRange(_failures);
            foreach (EmulatorConnection connection in _connections.Where(c => c.HasScript))
            {
                string number = connection.Number.ToString(CultureInfo.InvariantCulture);
                switch (connection.ScriptStatus)
                {
                    case ScriptStatus.Running:
                        problems.Add($"connection {number}: the script is still at step \"{connection.CurrentStep}\"");
                        break;
                    case ScriptStatus.Interrupted:
                        problems.Add($"connection {number}: the script was interrupted: {connection.ScriptError}");
                        break;
                    case ScriptStatus.NotStarted when connection.RejectedHandshakeStatus is null:
                        problems.Add($"connection {number}: the script never started ({(connection.IsOpen ? "no setup yet" : "the connection ended before setup")})");
                        break;
                }
            }

            if (_scripts.Count > 0)
            {
                problems.Add($"{_scripts.Count.ToString(CultureInfo.InvariantCulture)} queued script(s) were never used by a connection");
            }
        }

        if (problems.Count > 0)
        {
            throw new LiveEmulatorException("The emulator's scripts did not all complete:" + Environment.NewLine + "- "
                + string.Join(Environment.NewLine + "- ", problems.Distinct()));
        }
    }

    /// <summary>Waits (up to the timeout) for running scripts to finish, then <see cref="Verify"/>.</summary>
    /// <param name="timeout">How long to wait for running scripts; <see cref="LiveEmulatorOptions.WaitTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that fails with <see cref="LiveEmulatorException"/> when something went wrong.</returns>
    public async Task VerifyAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        TimeSpan wait = timeout ?? Options.WaitTimeout;
        while (deadline.Elapsed < wait && Connections.Any(c => c.HasScript && c.ScriptStatus == ScriptStatus.Running))
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        Verify();
    }

    // ------------------------------------------------------------------ recording

    internal EmulatorFrame Record(EmulatorConnection connection, FrameDirection direction, bool binary, byte[] payload, JsonDocument? document = null)
    {
        if (document is null && direction == FrameDirection.ServerToClient)
        {
            try
            {
                document = JsonDocument.Parse(payload);
            }
            catch (JsonException)
            {
                // A malformed frame, sent on purpose.
            }
        }

        return Add(sequence => new EmulatorFrame(sequence, connection.Number, direction, DateTimeOffset.UtcNow, _clock.Elapsed, binary, payload, document), connection);
    }

    internal EmulatorFrame RecordClose(EmulatorConnection connection, FrameDirection direction, int? status, string? reason) =>
        Add(sequence => new EmulatorFrame(sequence, connection.Number, direction, DateTimeOffset.UtcNow, _clock.Elapsed, status, reason), connection);

    internal void AddFailure(string failure)
    {
        lock (_gate)
        {
            _failures.Add(failure);
        }
    }

    internal bool IsAuthorized(string? presented) => Options.ApiKey is null || string.Equals(presented, Options.ApiKey, StringComparison.Ordinal);

    private EmulatorFrame Add(Func<long, EmulatorFrame> create, EmulatorConnection connection)
    {
        EmulatorFrame frame;
        Waiter[] waiters;
        lock (_gate)
        {
            frame = create(++_sequence);
            _frames.Add(frame);
            connection.Add(frame);
            waiters = [.. _waiters];
        }

        foreach (Waiter waiter in waiters)
        {
            waiter.Offer(frame);
        }

        return frame;
    }

    private string DescribeRecent()
    {
        EmulatorFrame[] frames = Frames.TakeLast(8).ToArray();
        return frames.Length == 0
            ? "No frames were recorded."
            : "Last frames:" + Environment.NewLine + string.Join(Environment.NewLine, frames.Select(f => "  " + f));
    }

    private sealed class Waiter(FrameMatcher matcher)
    {
        private readonly TaskCompletionSource<EmulatorFrame> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<EmulatorFrame> Task => _completion.Task;

        public bool Offer(EmulatorFrame frame)
        {
            if (_completion.Task.IsCompleted)
            {
                return true;
            }

            try
            {
                if (matcher.Matches(frame))
                {
                    _completion.TrySetResult(frame);
                    return true;
                }
            }
            catch (Exception exception)
            {
                _completion.TrySetException(exception);
                return true;
            }

            return false;
        }
    }
}
