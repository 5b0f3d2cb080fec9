namespace Live.Twilio;

/// <summary>
/// One phone call on a Twilio media stream: what its <c>start</c> message said, and what the application can send
/// to Twilio while it runs (marks, a <c>clear</c>).
/// </summary>
public sealed class TwilioCall
{
    private readonly TwilioMediaStreamBridge.CallState _state;

    internal TwilioCall(TwilioMediaStreamBridge.CallState state, string streamSid, string callSid, string accountSid, IReadOnlyDictionary<string, string> customParameters, IReadOnlyList<string> tracks)
    {
        _state = state;
        StreamSid = streamSid;
        CallSid = callSid;
        AccountSid = accountSid;
        CustomParameters = customParameters;
        Tracks = tracks;
    }

    /// <summary>The stream's id (<c>streamSid</c>).</summary>
    public string StreamSid { get; }

    /// <summary>The call's id (<c>callSid</c>): a good key for logs and for a resumption store.</summary>
    public string CallSid { get; }

    /// <summary>The Twilio account (<c>accountSid</c>).</summary>
    public string AccountSid { get; }

    /// <summary>The <c>&lt;Parameter&gt;</c> values of the TwiML <c>&lt;Stream&gt;</c> (<c>customParameters</c>).</summary>
    public IReadOnlyDictionary<string, string> CustomParameters { get; }

    /// <summary>The tracks Twilio streams (<c>inbound</c>; <c>outbound</c> too for a unidirectional stream of both tracks).</summary>
    public IReadOnlyList<string> Tracks { get; }

    /// <summary>Sends a mark: Twilio reports it back (<see cref="TwilioMediaStreamOptions.OnMarkPlayed"/>) once the audio sent before it has played.</summary>
    /// <param name="name">The mark's name.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the message is written.</returns>
    public Task SendMarkAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _state.SendMarkAsync(name, cancellationToken);
    }

    /// <summary>Sends a <c>clear</c>: Twilio drops the audio it has not played yet (the bridge does this itself on barge-in).</summary>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the message is written.</returns>
    public Task ClearAsync(CancellationToken cancellationToken = default) => _state.ClearAsync(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"TwilioCall {CallSid} (stream {StreamSid})";
}
