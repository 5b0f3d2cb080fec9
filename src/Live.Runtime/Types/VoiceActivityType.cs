using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>Whether voice activity started or ended.</summary>
[JsonConverter(typeof(VoiceActivityTypeConverter))]
public enum VoiceActivityType
{
    /// <summary><c>TYPE_UNSPECIFIED</c>: not specified; also what an unknown wire value reads as.</summary>
    Unspecified = 0,

    /// <summary><c>ACTIVITY_START</c>: voice activity started.</summary>
    ActivityStart,

    /// <summary><c>ACTIVITY_END</c>: voice activity ended.</summary>
    ActivityEnd,
}

/// <summary>Wire converter for <see cref="VoiceActivityType"/>.</summary>
internal sealed class VoiceActivityTypeConverter : WireEnumConverter<VoiceActivityType>
{
    public VoiceActivityTypeConverter()
        : base(
            (VoiceActivityType.Unspecified, "TYPE_UNSPECIFIED"),
            (VoiceActivityType.ActivityStart, "ACTIVITY_START"),
            (VoiceActivityType.ActivityEnd, "ACTIVITY_END"))
    {
    }
}
