using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Live.Tools;

namespace Live.ToolLoopTests;

/// <summary>A hand-written tool set whose tools the test controls (gates, failures, delays), recording what they saw.</summary>
internal sealed class ControlledTools : ILiveToolSet
{
    private readonly Dictionary<string, (LiveToolInfo Info, Func<FunctionCall, CancellationToken, Task<JsonNode?>> Body)> _tools = new();
    private readonly List<FunctionDeclaration> _declarations = new();

    public ConcurrentQueue<string> Started { get; } = new();

    public ConcurrentQueue<string> SawCancellation { get; } = new();

    public ConcurrentQueue<string> Finished { get; } = new();

    public IReadOnlyList<FunctionDeclaration> FunctionDeclarations => _declarations;

    public ControlledTools Add(
        string name,
        Func<FunctionCall, CancellationToken, Task<JsonNode?>> body,
        Behavior behavior = Behavior.Unspecified,
        TimeSpan? timeout = null,
        FunctionResponseScheduling? scheduling = null)
    {
        var declaration = new FunctionDeclaration { Name = name, Description = "Test tool " + name };
        if (behavior != Behavior.Unspecified)
        {
            declaration.Behavior = behavior;
        }

        _declarations.Add(declaration);
        _tools.Add(name, (new LiveToolInfo(declaration, timeout, scheduling), body));
        return this;
    }

    /// <summary>A tool that waits for the gate (or its cancellation) and records what happened.</summary>
    public ControlledTools AddGated(string name, TaskCompletionSource gate, Behavior behavior = Behavior.Unspecified, TimeSpan? timeout = null, FunctionResponseScheduling? scheduling = null) =>
        Add(name, async (call, ct) =>
        {
            try
            {
                await gate.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                SawCancellation.Enqueue(call.Id!);
                throw;
            }

            return JsonValue.Create(name + " done");
        }, behavior, timeout, scheduling);

    public bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool)
    {
        if (_tools.TryGetValue(name, out var entry))
        {
            tool = entry.Info;
            return true;
        }

        tool = null;
        return false;
    }

    public async ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        if (call.Name is null || !_tools.TryGetValue(call.Name, out var entry))
        {
            return FunctionResponse.FromError(call.Id, call.Name, LiveToolSet.UnknownFunctionMessage(call.Name, _tools.Keys));
        }

        Started.Enqueue(call.Id!);
        try
        {
            JsonNode? output = await entry.Body(call, cancellationToken);
            Finished.Enqueue(call.Id!);
            return new FunctionResponse { Id = call.Id, Name = call.Name, Response = new JsonObject { ["output"] = output } };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (LiveToolException ex)
        {
            return FunctionResponse.FromError(call.Id, call.Name, ex.Message);
        }
        catch (Exception ex)
        {
            FunctionResponse error = FunctionResponse.FromError(call.Id, call.Name, $"The tool \"{call.Name}\" failed.");
            error.ToolException = ex;
            return error;
        }
    }
}
