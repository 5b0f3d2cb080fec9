namespace Live;

/// <summary>
/// Calls answered in one <c>toolResponse</c>: the blocking calls of one toolCall message, sent together when the last
/// finishes, or the responses a resumption writes again.
/// </summary>
internal sealed class ToolCallBatch : IToolResponseSource
{
    private readonly List<ToolCall> _calls;
    private int _remaining;

    public ToolCallBatch(int count)
    {
        _calls = new List<ToolCall>(count);
        _remaining = count;
    }

    /// <summary>A batch of calls that all finished already.</summary>
    /// <param name="calls">The calls.</param>
    public ToolCallBatch(List<ToolCall> calls)
    {
        _calls = calls;
    }

    /// <summary>The calls of the batch.</summary>
    public IReadOnlyList<ToolCall> Calls => _calls;

    public void Add(ToolCall call) => _calls.Add(call);

    /// <summary>
    /// Records that a call finished; true when it was the last one. Which of them are answered is decided when the frame
    /// is written (a call cancelled by id until then, even one that finished long ago, is not).
    /// </summary>
    public bool Complete() => Interlocked.Decrement(ref _remaining) == 0;

    /// <summary>The responses of the calls that have one and were not cancelled by id (see <see cref="IToolResponseSource"/>).</summary>
    /// <param name="deliveredMessageCount">The session's count of delivered messages now.</param>
    /// <returns>The responses.</returns>
    public List<FunctionResponse>? Collect(long deliveredMessageCount)
    {
        var responses = new List<FunctionResponse>(_calls.Count);
        foreach (ToolCall call in _calls)
        {
            call.Answered = false;
            if (call.Response is { } response && !call.IsCancelledById)
            {
                call.SentAtIndex = deliveredMessageCount;
                call.Answered = true;
                responses.Add(response);
            }
        }

        return responses;
    }
}
