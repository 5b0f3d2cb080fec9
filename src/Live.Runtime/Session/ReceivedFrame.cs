namespace Live.Session;

/// <summary>What <see cref="LiveConnection.ReceiveAsync(bool, CancellationToken)"/> got: a message or the close.</summary>
internal readonly struct ReceivedFrame
{
    private ReceivedFrame(LiveServerMessage? message, int? closeCode, string? closeReason, LiveServerMessageLease? lease = null)
    {
        Message = message;
        Lease = lease;
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    public LiveServerMessage? Message { get; }

    /// <summary>The lease of the message's pooled inline data, when it was read pooled and has any.</summary>
    public LiveServerMessageLease? Lease { get; }

    public int? CloseCode { get; }

    public string? CloseReason { get; }

    public bool IsClose => Message is null;

    public static ReceivedFrame FromMessage(LiveServerMessage message, LiveServerMessageLease? lease = null) => new(message, null, null, lease);

    public static ReceivedFrame FromClose(int closeCode, string? closeReason) => new(null, closeCode, closeReason);
}
