using Live.Tools;

namespace Live.Twilio;

/// <summary>Settings of a <see cref="TwilioMediaStreamBridge"/>: the Live session each call opens and what the bridge does with it.</summary>
public sealed class TwilioMediaStreamOptions
{
    /// <summary>The default of <see cref="MaxMessageBytes"/>: 64 KiB (a Twilio media message is about 300 bytes).</summary>
    public const int DefaultMaxMessageBytes = 64 * 1024;

    /// <summary>The model of each call's session, for example <c>gemini-live-2.5-flash-native-audio</c>. Required.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// The session configuration. Null: audio responses, input and output transcription, and the declarations of
    /// <see cref="Tools"/>. When set, it is used as given: it must ask for audio (or leave the modality to the
    /// service's default) and declare the functions of <see cref="Tools"/>.
    /// </summary>
    public LiveConnectConfig? Config { get; set; }

    /// <summary>The tools the model can call during the call (for example a class with <c>[LiveTool]</c> methods); none when null.</summary>
    public ILiveToolSet? Tools { get; set; }

    /// <summary>How tools run; the defaults when null.</summary>
    public LiveToolOptions? ToolOptions { get; set; }

    /// <summary>
    /// Whether the bridge sends a Twilio <c>mark</c> after the audio of each model turn (named <c>turn-1</c>,
    /// <c>turn-2</c>, …), so <see cref="OnMarkPlayed"/> tells when the caller has heard the whole answer. True by default.
    /// </summary>
    public bool MarkTurns { get; set; } = true;

    /// <summary>Called once the call's <c>start</c> message arrived and its Live session is open, before audio flows (for example to send a greeting prompt).</summary>
    public Func<TwilioCall, AsyncSession, CancellationToken, Task>? OnCallStarted { get; set; }

    /// <summary>
    /// Called, in order, for every Live message (transcripts, turn boundaries, usage, and tool calls after they were
    /// dispatched to <see cref="Tools"/>); the bridge waits for it, so keep it short.
    /// </summary>
    public Func<TwilioCall, LiveServerMessage, CancellationToken, ValueTask>? OnMessage { get; set; }

    /// <summary>Called when Twilio reports that the audio before a mark has been played (or dropped by a <c>clear</c>).</summary>
    public Func<TwilioCall, string, CancellationToken, ValueTask>? OnMarkPlayed { get; set; }

    /// <summary>Called for each key the caller presses (<c>dtmf</c> messages of bidirectional streams); ignored when null.</summary>
    public Func<TwilioCall, string, CancellationToken, ValueTask>? OnDtmf { get; set; }

    /// <summary>
    /// Where each call's resumption handle is kept (for example a <c>DistributedCacheResumptionStore</c> over Redis):
    /// the call's session is opened with <see cref="LiveResumptionExtensions.ConnectOrResumeAsync"/>, so a call whose
    /// stream is reconnected (to this instance or another, with the same <see cref="ResumptionKey"/>) continues the
    /// conversation; every resumable handle is stored as it arrives, and the entry is removed when Twilio ends the call
    /// (<c>stop</c>); a stream that breaks without <c>stop</c> keeps it. Null (the default): each stream is a new conversation.
    /// </summary>
    public ILiveResumptionStore? ResumptionStore { get; set; }

    /// <summary>The conversation key of a call in <see cref="ResumptionStore"/>; the call's <c>callSid</c> when null.</summary>
    public Func<TwilioCall, string>? ResumptionKey { get; set; }

    /// <summary>The largest message accepted from Twilio; a larger one ends the call with a <see cref="TwilioStreamException"/>.</summary>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;
}
