namespace Live.Twilio;

/// <summary>What happened during a call, returned by <see cref="TwilioMediaStreamBridge.RunAsync"/> (for logs and metrics).</summary>
public sealed class TwilioCallSummary
{
    /// <summary>The stream's id (<c>streamSid</c>).</summary>
    public string StreamSid { get; init; } = string.Empty;

    /// <summary>The call's id (<c>callSid</c>).</summary>
    public string CallSid { get; init; } = string.Empty;

    /// <summary>How many <c>media</c> messages came from Twilio (20 ms each).</summary>
    public long MediaMessagesReceived { get; init; }

    /// <summary>How many <c>media</c> messages went to Twilio.</summary>
    public long MediaMessagesSent { get; init; }

    /// <summary>Seconds of caller audio forwarded to the model.</summary>
    public double InboundSeconds { get; init; }

    /// <summary>Seconds of model audio sent to the caller.</summary>
    public double OutboundSeconds { get; init; }

    /// <summary>How many times the caller interrupted the model (each sent a <c>clear</c>).</summary>
    public int Interruptions { get; init; }

    /// <summary>How many marks were sent.</summary>
    public int MarksSent { get; init; }

    /// <summary>How many marks Twilio reported played (or dropped by <c>clear</c>).</summary>
    public int MarksPlayed { get; init; }

    /// <summary>Messages from Twilio that were skipped: not JSON, unknown events, media before <c>start</c>, bad base64.</summary>
    public int SkippedMessages { get; init; }

    /// <summary>Whether Twilio ended the stream with <c>stop</c> (false: the socket closed, or the Live session ended first).</summary>
    public bool StoppedByTwilio { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"Twilio call {CallSid}: {InboundSeconds:0.0} s in, {OutboundSeconds:0.0} s out, {Interruptions} interruption(s), marks {MarksPlayed}/{MarksSent}, {SkippedMessages} skipped";
}
