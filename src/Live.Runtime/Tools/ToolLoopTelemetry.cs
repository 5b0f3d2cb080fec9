using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Live;

/// <summary>
/// Tracing, metrics and logging of the tool loop's calls, in one place: a span per call, the <see cref="LiveToolTelemetry"/>
/// instruments, and the log entries of <see cref="ToolLoopLog"/> (payloads only at Trace).
/// </summary>
internal sealed class ToolLoopTelemetry
{
    public ToolLoopTelemetry(ILogger logger) => Logger = logger;

    /// <summary>The logger of the loop (category <c>Live.Tools.ToolLoop</c>).</summary>
    public ILogger Logger { get; }

    /// <summary>Records the start of a call; returns its span, when anyone listens.</summary>
    public Activity? CallStarting(ToolCall call)
    {
        Activity? activity = StartActivity(call);
        ToolLoopLog.CallStarted(Logger, call.Name, call.Id);
        if (Logger.IsEnabled(LogLevel.Trace))
        {
            ToolLoopLog.CallArguments(Logger, call.Name, call.Id, call.Call.Args?.GetRawText() ?? "null");
        }

        if (LiveToolTelemetry.Calls.Enabled)
        {
            LiveToolTelemetry.Calls.Add(1, new KeyValuePair<string, object?>("gen_ai.tool.name", call.Name));
        }
        return activity;
    }

    /// <summary>Records how a call ended and closes its span.</summary>
    public void CallCompleted(ToolCallOutcome outcome, Activity? activity)
    {
        string name = outcome.Name;
        double durationMs = outcome.Duration.TotalMilliseconds;
        string? errorType = outcome.ErrorType;
        switch (outcome.Status)
        {
            case ToolCallStatus.Succeeded:
                ToolLoopLog.CallFinished(Logger, name, outcome.Id, durationMs);
                break;
            case ToolCallStatus.Cancelled:
                ToolLoopLog.CallCancelled(Logger, name, outcome.Id, durationMs);
                break;
            case ToolCallStatus.TimedOut:
                ToolLoopLog.CallTimedOut(Logger, name, outcome.Id, outcome.Timeout?.TotalMilliseconds ?? 0);
                break;
            case ToolCallStatus.Failed or ToolCallStatus.NoResponse:
                // A bug in a tool or a tool set: visible with a console logger at Information.
                if (Logger.IsEnabled(LogLevel.Warning))
                {
                    ToolLoopLog.CallFailed(Logger, name, outcome.Id, durationMs, ErrorText(outcome), outcome.Exception);
                }

                break;
            default:
                // The model is told what was wrong (its arguments, an unknown name, the tool's own error): routine.
                if (Logger.IsEnabled(LogLevel.Debug))
                {
                    ToolLoopLog.CallAnsweredWithError(Logger, name, outcome.Id, durationMs, ErrorText(outcome), outcome.Exception);
                }

                break;
        }

        var nameTag = new KeyValuePair<string, object?>("gen_ai.tool.name", name);
        if (outcome.IsError && LiveToolTelemetry.Errors.Enabled)
        {
            LiveToolTelemetry.Errors.Add(1, nameTag, new KeyValuePair<string, object?>("error.type", errorType));
        }

        if (outcome.Response is { } response && Logger.IsEnabled(LogLevel.Trace))
        {
            string json = response.ResponseUtf8.IsEmpty
                ? response.Response?.ToJsonString() ?? "null"
                : System.Text.Encoding.UTF8.GetString(response.ResponseUtf8.Span);
            ToolLoopLog.CallResponse(Logger, name, outcome.Id, json);
        }

        if (LiveToolTelemetry.Duration.Enabled)
        {
            LiveToolTelemetry.Duration.Record(outcome.Duration.TotalSeconds, nameTag);
        }
        if (activity is not null)
        {
            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
                activity.SetStatus(outcome.Status == ToolCallStatus.Cancelled ? ActivityStatusCode.Unset : ActivityStatusCode.Error);
            }

            activity.Dispose();
        }
    }

    /// <summary>The error text the model read; only computed for a log entry that is written (it may parse the response).</summary>
    private static string ErrorText(ToolCallOutcome outcome) =>
        outcome.Response?.Response?["error"]?.ToString() ?? outcome.ErrorType ?? "error";

    private static Activity? StartActivity(ToolCall call)
    {
        if (!LiveToolTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        Activity? activity = LiveToolTelemetry.ActivitySource.StartActivity("execute_tool " + call.Name, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("gen_ai.operation.name", "execute_tool");
            activity.SetTag("gen_ai.tool.name", call.Name);
            activity.SetTag("gen_ai.tool.type", "function");
            if (call.Id is not null)
            {
                activity.SetTag("gen_ai.tool.call.id", call.Id);
            }
        }

        return activity;
    }
}
