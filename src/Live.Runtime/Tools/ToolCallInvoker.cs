using System.Diagnostics;
using Live.Tools;

namespace Live;

/// <summary>
/// Invokes one call through the tool set and classifies how it ended into a <see cref="ToolCallOutcome"/>, wording every
/// error the loop itself makes through <see cref="ToolErrorText"/>. Never throws.
/// </summary>
internal sealed class ToolCallInvoker
{
    private readonly ILiveToolSet _tools;
    private readonly bool _includeExceptionDetails;
    private readonly CancellationToken _loopToken;

    public ToolCallInvoker(ILiveToolSet tools, bool includeExceptionDetails, CancellationToken loopToken)
    {
        _tools = tools;
        _includeExceptionDetails = includeExceptionDetails;
        _loopToken = loopToken;
    }

    /// <summary>Runs the call; <paramref name="slotFreed"/> runs as soon as the tool returns, before the outcome is classified.</summary>
    public async Task<ToolCallOutcome> InvokeAsync(ToolCall call, long startedTimestamp, Action slotFreed)
    {
        ToolCallOutcome outcome = await ClassifyAsync(call, startedTimestamp, slotFreed).ConfigureAwait(false);

        // Never answer a call the model cancelled, even when it finished (or failed) first.
        return call.IsCancelledById && outcome.Status != ToolCallStatus.Cancelled ? Cancelled(call, startedTimestamp) : outcome;
    }

    private async Task<ToolCallOutcome> ClassifyAsync(ToolCall call, long startedTimestamp, Action slotFreed)
    {
        FunctionResponse? response;
        try
        {
            try
            {
                // A call cancelled (or timed out) while it waited for a slot never reaches its tool.
                call.Token.ThrowIfCancellationRequested();
                response = await _tools.InvokeAsync(call.Call, call.Token).ConfigureAwait(false);
            }
            finally
            {
                slotFreed();
            }
        }
        catch (OperationCanceledException) when (call.Token.IsCancellationRequested)
        {
            if (call.IsCancelledById || _loopToken.IsCancellationRequested)
            {
                return Cancelled(call, startedTimestamp);
            }

            return Outcome(call, startedTimestamp, ToolCallStatus.TimedOut,
                FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.TimedOut(call.Name, call.Timeout ?? TimeSpan.Zero)));
        }
        catch (Exception ex)
        {
            FunctionResponse error = FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.Failed(call.Name, ex, _includeExceptionDetails));
            error.ToolException = ex;
            return Outcome(call, startedTimestamp, StatusOf(ex), error, ex);
        }

        if (response is null)
        {
            return Outcome(call, startedTimestamp, ToolCallStatus.NoResponse,
                FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.NoResponse(call.Name)));
        }

        response.Id ??= call.Id;
        response.Name ??= call.Name;
        if (response.ToolException is { } toolException)
        {
            if (_includeExceptionDetails && toolException is not LiveToolException)
            {
                response = FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.Failed(call.Name, toolException, includeDetails: true));
                response.ToolException = toolException;
            }

            return Outcome(call, startedTimestamp, StatusOf(toolException), response, toolException);
        }

        if (response.IsError)
        {
            ToolCallStatus status = call.Info is null ? ToolCallStatus.UnknownFunction
                : response.IsArgumentError ? ToolCallStatus.ArgumentError
                : ToolCallStatus.ToolError;
            return Outcome(call, startedTimestamp, status, response);
        }

        return Outcome(call, startedTimestamp, ToolCallStatus.Succeeded, response);
    }

    private static ToolCallStatus StatusOf(Exception exception) =>
        exception is LiveToolException ? ToolCallStatus.ToolError : ToolCallStatus.Failed;

    private static ToolCallOutcome Cancelled(ToolCall call, long startedTimestamp) =>
        Outcome(call, startedTimestamp, ToolCallStatus.Cancelled, response: null);

    private static ToolCallOutcome Outcome(ToolCall call, long startedTimestamp, ToolCallStatus status, FunctionResponse? response, Exception? exception = null) =>
        new()
        {
            Call = call.Call,
            Name = call.Name,
            Status = status,
            Response = response,
            Exception = exception,
            Timeout = call.Timeout,
            Duration = Stopwatch.GetElapsedTime(startedTimestamp),
        };
}
