namespace Live.Session;

/// <summary>What <see cref="LiveConnection.ReceiveAsync"/> got: a message or the close.</summary>
internal readonly struct ReceivedFrame
{
    private ReceivedFrame(LiveServerMessage? message, int? closeCode, string? closeReason)
    {
        Message = message;
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    public LiveServerMessage? Message { get; }

    public int? CloseCode { get; }

    public string? CloseReason { get; }

    public bool IsClose => Message is null;

    public static ReceivedFrame FromMessage(LiveServerMessage message) => new(message, null, null);

    public static ReceivedFrame FromClose(int closeCode, string? closeReason) => new(null, closeCode, closeReason);
}
