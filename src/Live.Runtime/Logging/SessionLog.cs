using Microsoft.Extensions.Logging;

namespace Live.Logging;

/// <summary>The log messages of the Live client. URLs are redacted; payloads appear only at Trace; keys never.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Connecting to {Url} for model {Model}.")]
    public static partial void Connecting(ILogger logger, string url, string model);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Live session ready for model {Model} (session id {SessionId}).")]
    public static partial void SetupComplete(ILogger logger, string model, string? sessionId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Sent {Kind} ({Bytes} bytes).")]
    public static partial void FrameSent(ILogger logger, string kind, int bytes);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "Sent frame: {Payload}")]
    public static partial void FrameSentPayload(ILogger logger, string payload);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Received {Message} ({Bytes} bytes, {FrameType} frame).")]
    public static partial void MessageReceived(ILogger logger, LiveServerMessage message, int bytes, string frameType);

    [LoggerMessage(EventId = 6, Level = LogLevel.Trace, Message = "Received frame: {Payload}")]
    public static partial void FrameReceivedPayload(ILogger logger, string payload);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "The service closed the Live session with code {CloseCode}: {CloseReason}")]
    public static partial void ServerClosed(ILogger logger, int closeCode, string? closeReason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Closing the Live session.")]
    public static partial void Closing(ILogger logger);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Ephemeral auth_tokens/… tokens need API version v1alpha; using {ApiVersion} as configured.")]
    public static partial void EphemeralTokenVersion(ILogger logger, string apiVersion);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "A frame from the service could not be read before setupComplete; it will be reported by ReceiveAsync.")]
    public static partial void MalformedFrameBeforeSetup(ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Buffered {Message} received before setupComplete.")]
    public static partial void BufferedBeforeSetup(ILogger logger, LiveServerMessage message);
    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Received a resumable session handle (update {Count}).")]
    public static partial void ResumptionHandleReceived(ILogger logger, int count);

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "The session cannot be resumed at this point (resumable: false); keeping the previous handle.")]
    public static partial void NotResumableNow(ILogger logger);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Resuming the Live session: {Reason}")]
    public static partial void Resuming(ILogger logger, string reason);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Resumption try {Attempt} of {MaxAttempts} failed: {Error}")]
    public static partial void ResumptionAttemptFailed(ILogger logger, int attempt, int maxAttempts, string error);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Live session resumed on a new connection (resumption {Count}, session id {SessionId}); its setupComplete is not delivered.")]
    public static partial void Resumed(ILogger logger, int count, string? sessionId);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "The service sent goAway (time left {TimeLeft}) but no resumable handle has arrived yet; the session ends when the service closes it.")]
    public static partial void GoAwayWithoutHandle(ILogger logger, string? timeLeft);

    [LoggerMessage(EventId = 18, Level = LogLevel.Warning, Message = "The Live session could not be resumed: {Reason}")]
    public static partial void ResumptionFailed(ILogger logger, string reason);
}
