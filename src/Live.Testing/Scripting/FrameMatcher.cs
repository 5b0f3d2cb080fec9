namespace Live.Testing;

/// <summary>
/// A test on a recorded frame, with a description for failure messages. The static members cover the common cases;
/// combine them with <see cref="And"/>.
/// </summary>
/// <example>
/// <code>
/// script.Expect(FrameMatcher.ClientContent("weather").And(FrameMatcher.Where(f => f.TurnComplete, "turn complete")));
/// </code>
/// </example>
public sealed class FrameMatcher
{
    private readonly Func<EmulatorFrame, bool> _predicate;

    private FrameMatcher(Func<EmulatorFrame, bool> predicate, string description)
    {
        _predicate = predicate;
        Description = description;
    }

    /// <summary>What the matcher accepts, in words.</summary>
    public string Description { get; }

    /// <summary>Any client message (not a close frame).</summary>
    public static FrameMatcher AnyMessage { get; } = new(f => f.Kind != ClientMessageKind.None, "any client message");

    /// <summary>A close frame from the client.</summary>
    public static FrameMatcher Close { get; } = new(f => f.IsClose && f.Direction == FrameDirection.ClientToServer, "a close frame");

    /// <summary>A <c>realtimeInput</c> carrying audio.</summary>
    public static FrameMatcher Audio { get; } = new(
        f => f.Kind == ClientMessageKind.RealtimeInput && (JsonFields.TryGet(f.Body, "audio", out _) || JsonFields.TryGet(f.Body, "mediaChunks", out _)),
        "realtimeInput with audio");

    /// <summary>A <c>realtimeInput</c> with <c>audioStreamEnd: true</c>.</summary>
    public static FrameMatcher AudioStreamEnd { get; } = new(
        f => f.Kind == ClientMessageKind.RealtimeInput && JsonFields.GetBool(f.Body, "audioStreamEnd"),
        "realtimeInput with audioStreamEnd");

    /// <summary>A <c>realtimeInput</c> with <c>activityStart</c>.</summary>
    public static FrameMatcher ActivityStart { get; } = new(
        f => f.Kind == ClientMessageKind.RealtimeInput && JsonFields.TryGet(f.Body, "activityStart", out _),
        "realtimeInput with activityStart");

    /// <summary>A <c>realtimeInput</c> with <c>activityEnd</c>.</summary>
    public static FrameMatcher ActivityEnd { get; } = new(
        f => f.Kind == ClientMessageKind.RealtimeInput && JsonFields.TryGet(f.Body, "activityEnd", out _),
        "realtimeInput with activityEnd");

    /// <summary>A client message of this kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The matcher.</returns>
    public static FrameMatcher OfKind(ClientMessageKind kind) => new(f => f.Kind == kind, DescribeKind(kind));

    /// <summary>A <c>clientContent</c>, optionally one whose text contains <paramref name="containing"/> (ordinal, ignoring case).</summary>
    /// <param name="containing">Text the turns must contain, or null for any.</param>
    /// <returns>The matcher.</returns>
    public static FrameMatcher ClientContent(string? containing = null) => new(
        f => f.Kind == ClientMessageKind.ClientContent && Contains(f.Text, containing),
        containing is null ? "clientContent" : $"clientContent containing \"{containing}\"");

    /// <summary>A <c>realtimeInput</c>, optionally one whose <c>text</c> contains <paramref name="containing"/> (ignoring case).</summary>
    /// <param name="containing">Text the realtime text must contain, or null for any realtime input.</param>
    /// <returns>The matcher.</returns>
    public static FrameMatcher RealtimeInput(string? containing = null) => new(
        f => f.Kind == ClientMessageKind.RealtimeInput && (containing is null || Contains(f.Text, containing)),
        containing is null ? "realtimeInput" : $"realtimeInput with text containing \"{containing}\"");

    /// <summary>A <c>clientContent</c> or realtime <c>text</c> containing <paramref name="containing"/> (ignoring case).</summary>
    /// <param name="containing">The text.</param>
    /// <returns>The matcher.</returns>
    public static FrameMatcher UserText(string containing) => new(
        f => f.Kind is ClientMessageKind.ClientContent or ClientMessageKind.RealtimeInput && Contains(f.Text, containing),
        $"user text containing \"{containing}\"");

    /// <summary>A <c>toolResponse</c>, optionally one answering the call with this id.</summary>
    /// <param name="id">The call id, or null for any tool response.</param>
    /// <returns>The matcher.</returns>
    public static FrameMatcher ToolResponse(string? id = null) => new(
        f => f.Kind == ClientMessageKind.ToolResponse && (id is null || f.FunctionResponses.Any(r => r.Id == id)),
        id is null ? "toolResponse" : $"toolResponse for id \"{id}\"");

    /// <summary>A <c>toolResponse</c> answering a call of this function.</summary>
    /// <param name="functionName">The function's name.</param>
    /// <returns>The matcher.</returns>
    public static FrameMatcher ToolResponseFor(string functionName) => new(
        f => f.Kind == ClientMessageKind.ToolResponse && f.FunctionResponses.Any(r => r.Name == functionName),
        $"toolResponse for function \"{functionName}\"");

    /// <summary>A <c>contextUpdate</c>.</summary>
    public static FrameMatcher ContextUpdate { get; } = OfKind(ClientMessageKind.ContextUpdate);

    /// <summary>A frame satisfying a predicate.</summary>
    /// <param name="predicate">The test.</param>
    /// <param name="description">What it accepts, for failure messages.</param>
    /// <returns>The matcher.</returns>
    public static FrameMatcher Where(Func<EmulatorFrame, bool> predicate, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(predicate, description ?? "a frame satisfying a predicate");
    }

    /// <summary>A matcher accepting what both this and <paramref name="other"/> accept.</summary>
    /// <param name="other">The other test.</param>
    /// <returns>The combined matcher.</returns>
    public FrameMatcher And(FrameMatcher other) => new(f => Matches(f) && other.Matches(f), $"{Description} and {other.Description}");

    /// <summary>Whether the frame passes.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns>True when it passes.</returns>
    public bool Matches(EmulatorFrame frame) => _predicate(frame);

    /// <inheritdoc />
    public override string ToString() => Description;

    private static bool Contains(string text, string? part) => part is null || text.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static string DescribeKind(ClientMessageKind kind) => kind switch
    {
        ClientMessageKind.Setup => "setup",
        ClientMessageKind.ClientContent => "clientContent",
        ClientMessageKind.RealtimeInput => "realtimeInput",
        ClientMessageKind.ToolResponse => "toolResponse",
        ClientMessageKind.ContextUpdate => "contextUpdate",
        _ => "a frame that is no client message",
    };
}
