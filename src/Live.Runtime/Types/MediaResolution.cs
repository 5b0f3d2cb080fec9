using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>The resolution at which the model reads images and video.</summary>
[JsonConverter(typeof(MediaResolutionConverter))]
public enum MediaResolution
{
    /// <summary><c>MEDIA_RESOLUTION_UNSPECIFIED</c>: not specified; also what an unknown wire value reads as.</summary>
    Unspecified = 0,

    /// <summary><c>MEDIA_RESOLUTION_LOW</c>: low resolution (fewer tokens).</summary>
    Low,

    /// <summary><c>MEDIA_RESOLUTION_MEDIUM</c>: medium resolution.</summary>
    Medium,

    /// <summary><c>MEDIA_RESOLUTION_HIGH</c>: high resolution.</summary>
    High,
}

/// <summary>Wire converter for <see cref="MediaResolution"/>.</summary>
internal sealed class MediaResolutionConverter : WireEnumConverter<MediaResolution>
{
    public MediaResolutionConverter()
        : base(
            (MediaResolution.Unspecified, "MEDIA_RESOLUTION_UNSPECIFIED"),
            (MediaResolution.Low, "MEDIA_RESOLUTION_LOW"),
            (MediaResolution.Medium, "MEDIA_RESOLUTION_MEDIUM"),
            (MediaResolution.High, "MEDIA_RESOLUTION_HIGH"))
    {
    }
}
