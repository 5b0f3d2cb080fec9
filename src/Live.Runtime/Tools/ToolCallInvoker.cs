using System.Diagnostics;
using System.Text.Json.Nodes;
using Live.Tools;

namespace Live;

/// <summary>
/// Invokes one call through the tool set and classifies how it ended into a <see cref="ToolCallOutcome"/>, wording every
/// error the loop itself makes through <see cref="ToolErrorText"/> in the informative shape of <see cref="LiveToolError"/>.
/// Asks for approval first when the tool needs it; answers a call that shares an identical running call with that call's
/// result. Never throws.
/// </summary>
internal sealed class ToolCallInvoker
{
    private readonly ILiveToolSet _tools;
    private readonly bool _includeExceptionDetails;
    private readonly CancellationToken _loopToken;
    private readonly Func<LiveToolApprovalRequest, CancellationToken, ValueTask<LiveToolApproval>>? _approve;

    public ToolCallInvoker(ILiveToolSet tools, bool includeExceptionDetails, CancellationToken loopToken,
        Func<LiveToolApprovalRequest, CancellationToken, ValueTask<LiveToolApproval>>? approve = null)
    {
        _tools = tools;
        _includeExceptionDetails = includeExceptionDetails;
        _loopToken = loopToken;
        _approve = approve;
    }

    /// <summary>
    /// Runs the call; <paramref name="slotFreed"/> runs as soon as the tool returns, before the outcome is classified.
    /// Completes synchronously when the tool does.
    /// </summary>
    public ValueTask<ToolCallOutcome> InvokeAsync(ToolCall call, long startedTimestamp, Action slotFreed)
    {
        if (call.SharedWith is not null || call.Info is { RequiresApproval: true })
        {
            return new ValueTask<ToolCallOutcome>(InvokeGatedAsync(call, startedTimestamp, slotFreed));
        }

        ValueTask<FunctionResponse> invoking;
        try
        {
            // A call cancelled (or timed out) while it waited for a slot never reaches its tool.
            call.Token.ThrowIfCancellationRequested();
            invoking = _tools.InvokeAsync(call.Call, call.Token);
        }
        catch (Exception ex)
        {
            slotFreed();
            return new ValueTask<ToolCallOutcome>(Final(call, startedTimestamp, Caught(call, startedTimestamp, ex)));
        }

        if (!invoking.IsCompleted)
        {
            return new ValueTask<ToolCallOutcome>(AwaitToolAsync(call, invoking, startedTimestamp, slotFreed));
        }

        FunctionResponse? response;
        try
        {
            response = invoking.Result;
        }
        catch (Exception ex)
        {
            slotFreed();
            return new ValueTask<ToolCallOutcome>(Final(call, startedTimestamp, Caught(call, startedTimestamp, ex)));
        }

        slotFreed();
        return new ValueTask<ToolCallOutcome>(Final(call, startedTimestamp, Classify(call, startedTimestamp, response)));
    }

    /// <summary>The rest of <see cref="InvokeAsync"/> for a tool that did not complete synchronously.</summary>
    private async Task<ToolCallOutcome> AwaitToolAsync(ToolCall call, ValueTask<FunctionResponse> invoking, long startedTimestamp, Action slotFreed)
    {
        FunctionResponse? response;
        try
        {
            response = await invoking.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            slotFreed();
            return Final(call, startedTimestamp, Caught(call, startedTimestamp, ex));
        }

        slotFreed();
        return Final(call, startedTimestamp, Classify(call, startedTimestamp, response));
    }

    /// <summary><see cref="InvokeAsync"/> for a call that waits for an approval or shares an identical running call's result.</summary>
    private async Task<ToolCallOutcome> InvokeGatedAsync(ToolCall call, long startedTimestamp, Action slotFreed)
    {
        FunctionResponse? response;
        try
        {
            try
            {
                // A call cancelled (or timed out) while it waited for a slot never reaches its tool.
                call.Token.ThrowIfCancellationRequested();
                if (call.Info is { RequiresApproval: true } info)
                {
                    if (_approve is null)
                    {
                        return Final(call, startedTimestamp, Outcome(call, startedTimestamp, ToolCallStatus.NotApproved,
                            FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.ApprovalUnavailable(call.Name))));
                    }

                    call.WaitingForApproval = true;
                    LiveToolApproval approval = await _approve(new LiveToolApprovalRequest(call.Call, info), call.Token).ConfigureAwait(false)
                        ?? LiveToolApproval.Refuse();
                    call.WaitingForApproval = false;
                    call.Token.ThrowIfCancellationRequested();
                    if (!approval.IsApproved)
                    {
                        return Final(call, startedTimestamp, Outcome(call, startedTimestamp, ToolCallStatus.NotApproved,
                            FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.NotApproved(call.Name, approval.Reason))));
                    }
                }

                if (call.SharedWith is { } leader)
                {
                    FunctionResponse? shared = await leader.Result.WaitAsync(call.Token).ConfigureAwait(false);
                    if (shared is null)
                    {
                        // The running call was cancelled: this one was never run, so it is answered as stopped.
                        return Final(call, startedTimestamp, Outcome(call, startedTimestamp, ToolCallStatus.ToolError, FunctionResponse.FromError(call.Id, call.Name,
                            new LiveToolError(LiveToolError.StatusCancelled, $"The identical call of \"{call.Name}\" this call waited for was cancelled.", retryable: true) { ReasonCode = "shared_call_cancelled" })));
                    }

                    response = Copy(shared, call);
                }
                else
                {
                    response = await _tools.InvokeAsync(call.Call, call.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                slotFreed();
            }
        }
        catch (Exception ex)
        {
            return Final(call, startedTimestamp, Caught(call, startedTimestamp, ex));
        }

        return Final(call, startedTimestamp, Classify(call, startedTimestamp, response));
    }

    // Never answer a call the model cancelled, even when it finished (or failed) first.
    private static ToolCallOutcome Final(ToolCall call, long startedTimestamp, ToolCallOutcome outcome) =>
        call.IsCancelledById && outcome.Status != ToolCallStatus.Cancelled ? Cancelled(call, startedTimestamp) : outcome;

    /// <summary>The outcome of a call whose tool (or approval, or shared call) threw.</summary>
    private ToolCallOutcome Caught(ToolCall call, long startedTimestamp, Exception exception)
    {
        if (exception is OperationCanceledException && call.Token.IsCancellationRequested)
        {
            if (call.IsCancelledById || _loopToken.IsCancellationRequested)
            {
                return Cancelled(call, startedTimestamp);
            }

            TimeSpan timeout = call.Timeout ?? TimeSpan.Zero;
            return Outcome(call, startedTimestamp, ToolCallStatus.TimedOut, FunctionResponse.FromError(call.Id, call.Name,
                call.WaitingForApproval ? ToolErrorText.ApprovalTimedOut(call.Name, timeout) : ToolErrorText.TimedOutError(call.Name, timeout)));
        }

        FunctionResponse error = FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.FailedError(call.Name, exception, _includeExceptionDetails));
        error.ToolException = exception;
        return Outcome(call, startedTimestamp, StatusOf(exception), error, exception);
    }

    /// <summary>The outcome of a call whose tool returned <paramref name="response"/>.</summary>
    private ToolCallOutcome Classify(ToolCall call, long startedTimestamp, FunctionResponse? response)
    {
        if (response is null)
        {
            return Outcome(call, startedTimestamp, ToolCallStatus.NoResponse,
                FunctionResponse.FromError(call.Id, call.Name, new LiveToolError(LiveToolError.StatusFailed, ToolErrorText.NoResponse(call.Name), retryable: false) { ReasonCode = "no_response" }));
        }

        response.Id ??= call.Id;
        response.Name ??= call.Name;
        if (response.ToolException is { } toolException)
        {
            if (_includeExceptionDetails && toolException is not LiveToolException)
            {
                response = FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.FailedError(call.Name, toolException, includeDetails: true));
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

    // A LiveToolException that reports "no results" is an answer, not a failure.
    private static ToolCallStatus StatusOf(Exception exception) =>
        exception is LiveToolException { Error.IsFailure: false } ? ToolCallStatus.Succeeded
        : exception is LiveToolException ? ToolCallStatus.ToolError
        : ToolCallStatus.Failed;

    private static FunctionResponse Copy(FunctionResponse shared, ToolCall call) => new()
    {
        Id = call.Id,
        Name = call.Name,
        Response = shared.Response?.DeepClone().AsObject() ?? new JsonObject(),
        Parts = shared.Parts is { } parts ? new List<FunctionResponsePart>(parts) : null,
    };

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
