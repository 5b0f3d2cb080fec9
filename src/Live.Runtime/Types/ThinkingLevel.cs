using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>How much the model thinks before answering.</summary>
[JsonConverter(typeof(ThinkingLevelConverter))]
public enum ThinkingLevel
{
    /// <summary><c>THINKING_LEVEL_UNSPECIFIED</c>: not specified (the model's default).</summary>
    Unspecified = 0,

    /// <summary><c>MINIMAL</c>: as little thinking as possible.</summary>
    Minimal,

    /// <summary><c>LOW</c>: little thinking.</summary>
    Low,

    /// <summary><c>MEDIUM</c>: moderate thinking.</summary>
    Medium,

    /// <summary><c>HIGH</c>: thorough thinking.</summary>
    High,
}

/// <summary>Wire converter for <see cref="ThinkingLevel"/>.</summary>
internal sealed class ThinkingLevelConverter : WireEnumConverter<ThinkingLevel>
{
    public ThinkingLevelConverter()
        : base(
            (ThinkingLevel.Unspecified, "THINKING_LEVEL_UNSPECIFIED"),
            (ThinkingLevel.Minimal, "MINIMAL"),
            (ThinkingLevel.Low, "LOW"),
            (ThinkingLevel.Medium, "MEDIUM"),
            (ThinkingLevel.High, "HIGH"))
    {
    }
}
