using System.Text.Json.Serialization;

namespace Live;

/// <summary>A reference to a file by URI (for example one uploaded with the Files API).</summary>
public sealed class FileData
{
    /// <summary>The file's MIME type.</summary>
    [JsonPropertyName("mimeType")]
    public string? MimeType { get; set; }

    /// <summary>The file's URI.</summary>
    [JsonPropertyName("fileUri")]
    public string? FileUri { get; set; }

    /// <summary>A display name for the file.</summary>
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }
}
