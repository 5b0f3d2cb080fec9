using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>How readily automatic activity detection decides that speech ended.</summary>
[JsonConverter(typeof(EndSensitivityConverter))]
public enum EndSensitivity
{
    /// <summary><c>END_SENSITIVITY_UNSPECIFIED</c>: not specified (the service's default, high).</summary>
    Unspecified = 0,

    /// <summary><c>END_SENSITIVITY_HIGH</c>: ends speech more often.</summary>
    High,

    /// <summary><c>END_SENSITIVITY_LOW</c>: ends speech less often.</summary>
    Low,
}

/// <summary>Wire converter for <see cref="EndSensitivity"/>.</summary>
internal sealed class EndSensitivityConverter : WireEnumConverter<EndSensitivity>
{
    public EndSensitivityConverter()
        : base(
            (EndSensitivity.Unspecified, "END_SENSITIVITY_UNSPECIFIED"),
            (EndSensitivity.High, "END_SENSITIVITY_HIGH"),
            (EndSensitivity.Low, "END_SENSITIVITY_LOW"))
    {
    }
}
