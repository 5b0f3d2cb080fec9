namespace Live;

/// <summary>
/// What an ephemeral token allows, for <see cref="AuthTokens.CreateAsync"/> (the official SDKs'
/// <c>CreateAuthTokenConfig</c>). Unset fields take the service's defaults: one use, valid for 30 minutes, a new
/// session must start within one minute.
/// </summary>
public sealed class CreateAuthTokenConfig
{
    /// <summary>How many sessions the token can open (the service's default: 1). Resuming a session counts as a use.</summary>
    public int? Uses { get; set; }

    /// <summary>When the token stops working, for new sessions and for messages of sessions it opened (default: 30 minutes from now).</summary>
    public DateTimeOffset? ExpireTime { get; set; }

    /// <summary>The last moment the token can open a new session (default: one minute from now).</summary>
    public DateTimeOffset? NewSessionExpireTime { get; set; }

    /// <summary>
    /// The model and configuration sessions opened with the token must use. When set, the service applies this
    /// configuration and ignores what the browser sends for the locked fields (see <see cref="LockAdditionalFields"/>).
    /// </summary>
    public LiveConnectConstraints? LiveConnectConstraints { get; set; }

    /// <summary>
    /// Which fields of the session's setup are locked, as the official SDKs define it (sent as the request's
    /// <c>fieldMask</c>):
    /// <list type="bullet">
    /// <item>null (the default) with <see cref="LiveConnectConstraints"/>: no mask is sent, and the service locks the whole configuration;</item>
    /// <item>empty: only the fields that <see cref="LiveConnectConstraints"/> sets are locked, the browser may set the others;</item>
    /// <item>names (for example <c>temperature</c>, <c>systemInstruction</c>): the fields the constraints set plus these;
    /// generation settings (<c>temperature</c>, <c>topK</c>, <c>topP</c>, <c>maxOutputTokens</c>, <c>responseModalities</c>,
    /// <c>seed</c>, <c>speechConfig</c>) are mapped to <c>generationConfig.…</c>.</item>
    /// </list>
    /// </summary>
    public IList<string>? LockAdditionalFields { get; set; }
}
