namespace Live;

/// <summary>
/// Realtime input for <see cref="AsyncSession.SendRealtimeInputAsync(LiveSendRealtimeInputParameters, CancellationToken)"/>.
/// Set one member per message (the service handles each on arrival); several are sent together in one
/// <c>realtimeInput</c> message, as the official JavaScript client does.
/// </summary>
public sealed class LiveSendRealtimeInputParameters
{
    /// <summary>A chunk of audio: 16-bit little-endian PCM with its rate in the MIME type (<c>audio/pcm;rate=16000</c>); the MIME type must start with <c>audio/</c>.</summary>
    public Blob? Audio { get; set; }

    /// <summary>One video frame as an image; the MIME type must start with <c>image/</c> (for example <c>image/jpeg</c>).</summary>
    public Blob? Video { get; set; }

    /// <summary>Text typed by the user, streamed like speech.</summary>
    public string? Text { get; set; }

    /// <summary>Marks the start of user activity (only with automatic activity detection disabled).</summary>
    public ActivityStart? ActivityStart { get; set; }

    /// <summary>Marks the end of user activity (only with automatic activity detection disabled).</summary>
    public ActivityEnd? ActivityEnd { get; set; }

    /// <summary>True tells the service the audio stream paused (for example the microphone was muted), so it can flush.</summary>
    public bool? AudioStreamEnd { get; set; }

    /// <summary>A media chunk in the deprecated form (sent as <c>mediaChunks: [media]</c>); no MIME check is applied. Prefer <see cref="Audio"/> or <see cref="Video"/>.</summary>
    public Blob? Media { get; set; }
}
