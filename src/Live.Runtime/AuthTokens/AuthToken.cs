namespace Live;

/// <summary>
/// An ephemeral token created by <see cref="AuthTokens.CreateAsync"/>: give <see cref="Name"/> to a browser (or any
/// client that must not hold the API key), which connects with it as its key (<c>new Client(token.Name)</c> in .NET,
/// <c>new GoogleGenAI({ apiKey: token.name, httpOptions: { apiVersion: 'v1alpha' } })</c> in JavaScript).
/// </summary>
/// <remarks>
/// The name is the credential itself. <see cref="ToString"/> never shows it; do not log it.
/// </remarks>
public sealed class AuthToken
{
    internal AuthToken(string name, DateTimeOffset? expireTime, DateTimeOffset? newSessionExpireTime, int? uses)
    {
        Name = name;
        ExpireTime = expireTime;
        NewSessionExpireTime = newSessionExpireTime;
        Uses = uses;
    }

    /// <summary>The token, <c>auth_tokens/…</c>: a secret, valid until <see cref="ExpireTime"/>.</summary>
    public string Name { get; }

    /// <summary>The expiry that was requested (null: the service's default, 30 minutes).</summary>
    public DateTimeOffset? ExpireTime { get; }

    /// <summary>The new-session deadline that was requested (null: the service's default, one minute).</summary>
    public DateTimeOffset? NewSessionExpireTime { get; }

    /// <summary>The number of uses that was requested (null: the service's default, 1).</summary>
    public int? Uses { get; }

    /// <inheritdoc />
    public override string ToString() =>
        "AuthToken (auth_tokens/…, secret not shown"
        + (ExpireTime is { } expire ? ", expires " + expire.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
        + ")";
}
