using System.Text.Json.Serialization;

namespace Live.Wire;

/// <summary>The body of <c>POST {version}/auth_tokens</c>, field for field as the official JavaScript client sends it.</summary>
internal sealed class AuthTokenRequest
{
    [JsonPropertyName("expireTime")]
    public string? ExpireTime { get; set; }

    [JsonPropertyName("newSessionExpireTime")]
    public string? NewSessionExpireTime { get; set; }

    [JsonPropertyName("uses")]
    public int? Uses { get; set; }

    [JsonPropertyName("bidiGenerateContentSetup")]
    public LiveClientSetup? BidiGenerateContentSetup { get; set; }

    [JsonPropertyName("fieldMask")]
    public string? FieldMask { get; set; }
}

/// <summary>The answer of <c>POST {version}/auth_tokens</c> (the fields this client reads).</summary>
internal sealed class AuthTokenResponse
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
