namespace Live.Tools;

/// <summary>
/// What the tool loop offers the one call it is running: a way to send interim responses (<c>willContinue: true</c>) and
/// a place for media parts of the final response. The loop makes it current (per asynchronous flow) while it invokes
/// the tool set, so a <see cref="LiveToolContext"/> made by a generated dispatcher for that call finds it. Without a loop
/// (a tool set invoked by hand) there is none, and progress reports are dropped.
/// </summary>
internal sealed class LiveToolCallScope
{
    private static readonly AsyncLocal<LiveToolCallScope?> s_current = new();
    private readonly object _lock = new();
    private List<FunctionResponsePart>? _parts;
    private int _interimSent;

    public LiveToolCallScope(FunctionCall call, Func<FunctionResponse, CancellationToken, ValueTask<bool>>? sendInterim)
    {
        Call = call;
        SendInterimCore = sendInterim;
    }

    /// <summary>The scope of the call running in this asynchronous flow, if any.</summary>
    public static LiveToolCallScope? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>The call served.</summary>
    public FunctionCall Call { get; }

    /// <summary>Whether interim responses reach the model (non-blocking call, model and backend support <c>willContinue</c>).</summary>
    public bool CanSendInterim => SendInterimCore is not null;

    /// <summary>Whether at least one interim response went out (the final then carries <c>willContinue: false</c>).</summary>
    public bool InterimSent => Volatile.Read(ref _interimSent) == 1;

    private Func<FunctionResponse, CancellationToken, ValueTask<bool>>? SendInterimCore { get; }

    /// <summary>The scope for <paramref name="call"/>, when the current one serves it.</summary>
    public static LiveToolCallScope? For(FunctionCall? call) => Current is { } scope && ReferenceEquals(scope.Call, call) ? scope : null;

    /// <summary>Sends an interim response; false when interim responses are not possible or the call ended.</summary>
    public async ValueTask<bool> SendInterimAsync(FunctionResponse response, CancellationToken cancellationToken)
    {
        if (SendInterimCore is null)
        {
            return false;
        }

        response.Id ??= Call.Id;
        response.Name ??= Call.Name;
        response.WillContinue = true;
        bool sent = await SendInterimCore(response, cancellationToken).ConfigureAwait(false);
        if (sent)
        {
            Volatile.Write(ref _interimSent, 1);
        }

        return sent;
    }

    /// <summary>Adds a media part to the final response.</summary>
    public void AddPart(FunctionResponsePart part)
    {
        lock (_lock)
        {
            (_parts ??= new List<FunctionResponsePart>()).Add(part);
        }
    }

    /// <summary>The parts added so far (null when none).</summary>
    public List<FunctionResponsePart>? TakeParts()
    {
        lock (_lock)
        {
            List<FunctionResponsePart>? parts = _parts;
            _parts = null;
            return parts;
        }
    }
}
