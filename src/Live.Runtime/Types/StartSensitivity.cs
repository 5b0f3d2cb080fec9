using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>How readily automatic activity detection decides that speech started.</summary>
[JsonConverter(typeof(StartSensitivityConverter))]
public enum StartSensitivity
{
    /// <summary><c>START_SENSITIVITY_UNSPECIFIED</c>: not specified (the service's default, high).</summary>
    Unspecified = 0,

    /// <summary><c>START_SENSITIVITY_HIGH</c>: detects the start of speech more often.</summary>
    High,

    /// <summary><c>START_SENSITIVITY_LOW</c>: detects the start of speech less often.</summary>
    Low,
}

/// <summary>Wire converter for <see cref="StartSensitivity"/>.</summary>
internal sealed class StartSensitivityConverter : WireEnumConverter<StartSensitivity>
{
    public StartSensitivityConverter()
        : base(
            (StartSensitivity.Unspecified, "START_SENSITIVITY_UNSPECIFIED"),
            (StartSensitivity.High, "START_SENSITIVITY_HIGH"),
            (StartSensitivity.Low, "START_SENSITIVITY_LOW"))
    {
    }
}
