namespace Live;

/// <summary>
/// A mid-session change of the system instruction and/or the tools, sent with
/// <see cref="AsyncSession.SendContextUpdateAsync"/>. Null members are left unchanged.
/// </summary>
public sealed class LiveContextUpdate
{
    /// <summary>The new system instruction; null leaves it unchanged. A string converts to a user <see cref="Content"/>.</summary>
    public Content? SystemInstruction { get; set; }

    /// <summary>The new tools; null leaves them unchanged, an empty list removes every tool.</summary>
    public IList<Tool>? Tools { get; set; }
}
