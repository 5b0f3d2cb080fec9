namespace Live;

/// <summary>The responses of the blocking calls of one toolCall message, sent together when the last finishes.</summary>
internal sealed class ToolCallBatch
{
    private readonly List<ToolCall> _calls;
    private int _remaining;

    public ToolCallBatch(int count)
    {
        _calls = new List<ToolCall>(count);
        _remaining = count;
    }

    public void Add(ToolCall call) => _calls.Add(call);

    /// <summary>Records that a call finished; returns the responses to send when it was the last one.</summary>
    public List<FunctionResponse>? Complete()
    {
        if (Interlocked.Decrement(ref _remaining) != 0)
        {
            return null;
        }

        var responses = new List<FunctionResponse>(_calls.Count);
        foreach (ToolCall call in _calls)
        {
            // A call cancelled by id after it finished but before the batch went out is still never answered.
            if (call.Response is { } response && !call.IsCancelledById)
            {
                responses.Add(response);
            }
        }

        return responses;
    }
}
