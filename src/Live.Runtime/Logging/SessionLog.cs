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
}
