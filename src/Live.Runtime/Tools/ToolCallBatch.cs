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

    /// <summary>
    /// Records that a call finished; returns the calls of the batch when it was the last one. Which of them are answered is
    /// decided when the frame is written (a call cancelled by id until then, even one that finished long ago, is not).
    /// </summary>
    public IReadOnlyList<ToolCall>? Complete() => Interlocked.Decrement(ref _remaining) == 0 ? _calls : null;
}
