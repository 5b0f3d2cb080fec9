using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>
/// Bytes with a MIME type: audio, an image, a document. On the wire <see cref="Data"/> is base64; it is written
/// in the standard alphabet with padding and read in the standard or URL-safe alphabet, with or without padding.
/// </summary>
public sealed class Blob
{
    /// <summary>Creates an empty blob.</summary>
    public Blob()
    {
    }

    /// <summary>Creates a blob.</summary>
    /// <param name="data">The bytes (not copied).</param>
    /// <param name="mimeType">Their MIME type, for example <c>audio/pcm;rate=16000</c> or <c>image/jpeg</c>.</param>
    public Blob(ReadOnlyMemory<byte> data, string mimeType)
    {
        Data = data;
        MimeType = mimeType ?? throw new ArgumentNullException(nameof(mimeType));
    }

    /// <summary>The bytes.</summary>
    [JsonPropertyName("data")]
    [JsonConverter(typeof(Base64MemoryConverter))]
    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>The MIME type, for example <c>audio/pcm;rate=16000</c>, <c>audio/pcm;rate=24000</c> or <c>image/jpeg</c>.</summary>
    [JsonPropertyName("mimeType")]
    public string? MimeType { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"Blob {MimeType} ({Data.Length} bytes)";
}
