using Microsoft.Extensions.Logging;

namespace Live;

/// <summary>Log messages of the tool loop. Arguments and results only at Trace.</summary>
internal static partial class ToolLoopLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Tool loop started with {ToolCount} tool(s).")]
    public static partial void LoopStarted(ILogger logger, int toolCount);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Tool loop ended; {Pending} call(s) were still running.")]
    public static partial void LoopEnded(ILogger logger, int pending);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Tool loop ended but {Pending} call(s) ignored cancellation for {GraceMilliseconds} ms; they are no longer awaited.")]
    public static partial void GraceExpired(ILogger logger, int pending, double graceMilliseconds);

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Tool call {ToolName} ({CallId}) started.")]
    public static partial void CallStarted(ILogger logger, string toolName, string? callId);

    [LoggerMessage(EventId = 111, Level = LogLevel.Trace, Message = "Tool call {ToolName} ({CallId}) arguments: {Arguments}")]
    public static partial void CallArguments(ILogger logger, string toolName, string? callId, string arguments);

    [LoggerMessage(EventId = 112, Level = LogLevel.Debug, Message = "Tool call {ToolName} ({CallId}) finished in {DurationMilliseconds} ms.")]
    public static partial void CallFinished(ILogger logger, string toolName, string? callId, double durationMilliseconds);

    [LoggerMessage(EventId = 113, Level = LogLevel.Trace, Message = "Tool call {ToolName} ({CallId}) response: {Response}")]
    public static partial void CallResponse(ILogger logger, string toolName, string? callId, string response);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning, Message = "Tool call {ToolName} ({CallId}) failed after {DurationMilliseconds} ms: {Error}")]
    public static partial void CallFailed(ILogger logger, string toolName, string? callId, double durationMilliseconds, string error, Exception? exception);

    [LoggerMessage(EventId = 115, Level = LogLevel.Debug, Message = "Tool call {ToolName} ({CallId}) was cancelled after {DurationMilliseconds} ms; no response is sent.")]
    public static partial void CallCancelled(ILogger logger, string toolName, string? callId, double durationMilliseconds);

    [LoggerMessage(EventId = 116, Level = LogLevel.Debug, Message = "Tool call {ToolName} ({CallId}) timed out after {TimeoutMilliseconds} ms.")]
    public static partial void CallTimedOut(ILogger logger, string toolName, string? callId, double timeoutMilliseconds);

    [LoggerMessage(EventId = 117, Level = LogLevel.Debug, Message = "Tool call {ToolName} ({CallId}) was answered with an error after {DurationMilliseconds} ms: {Error}")]
    public static partial void CallAnsweredWithError(ILogger logger, string toolName, string? callId, double durationMilliseconds, string error, Exception? exception);

    [LoggerMessage(EventId = 120, Level = LogLevel.Debug, Message = "Cancellation for call {CallId}, which is not running (not started yet or already answered).")]
    public static partial void CancellationForUnknownCall(ILogger logger, string callId);

    [LoggerMessage(EventId = 121, Level = LogLevel.Debug, Message = "Cancellation requested for call {CallId}.")]
    public static partial void CancellationRequested(ILogger logger, string callId);

    [LoggerMessage(EventId = 130, Level = LogLevel.Debug, Message = "Sent a tool response with {Count} function response(s).")]
    public static partial void ResponseSent(ILogger logger, int count);

    [LoggerMessage(EventId = 131, Level = LogLevel.Debug, Message = "Could not send a tool response because the session ended.")]
    public static partial void ResponseNotSent(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 132, Level = LogLevel.Warning, Message = "A call of {FunctionName} has no id: on the Gemini API a response must carry the call's id, so this call cannot be answered and was not run.")]
    public static partial void CallWithoutId(ILogger logger, string functionName);

    [LoggerMessage(EventId = 133, Level = LogLevel.Debug, Message = "Sent {Count} function response(s) again on the resumed connection: they were written after the handle the session resumed from.")]
    public static partial void ResponsesReplayed(ILogger logger, int count);

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "Skipped a malformed message from the server.")]
    public static partial void MalformedMessage(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 141, Level = LogLevel.Warning, Message = "The session's setup declares {FunctionName}, which the tool set does not implement; calls of it are answered with an error.")]
    public static partial void DeclaredButNotImplemented(ILogger logger, string functionName);

    [LoggerMessage(EventId = 118, Level = LogLevel.Warning, Message = "LiveToolOptions.OnToolCallCompleted threw for tool call {ToolName} ({CallId}); the call is answered anyway.")]
    public static partial void ObserverFailed(ILogger logger, string toolName, string? callId, Exception exception);

    [LoggerMessage(EventId = 142, Level = LogLevel.Debug, Message = "Ignored a second delivery of call {CallId} ({FunctionName}): it runs once and is answered once.")]
    public static partial void DuplicateCallIgnored(ILogger logger, string functionName, string callId);

    [LoggerMessage(EventId = 143, Level = LogLevel.Warning, Message = "Left {Count} attachment(s) out of the response of {FunctionName} (id {CallId}): {Model} does not accept media in function responses; the model was told.")]
    public static partial void PartsOmitted(ILogger logger, string functionName, string callId, int count, string model);
}
