using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>Which input a user turn includes.</summary>
[JsonConverter(typeof(TurnCoverageConverter))]
public enum TurnCoverage
{
    /// <summary><c>TURN_COVERAGE_UNSPECIFIED</c>: not specified (the service's default).</summary>
    Unspecified = 0,

    /// <summary><c>TURN_INCLUDES_ONLY_ACTIVITY</c>: the turn holds only the input since the last activity start.</summary>
    TurnIncludesOnlyActivity,

    /// <summary><c>TURN_INCLUDES_ALL_INPUT</c>: the turn holds all realtime input since the last turn, inactivity included.</summary>
    TurnIncludesAllInput,

    /// <summary><c>TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO</c>: the turn holds the audio activity and all video since the last turn.</summary>
    TurnIncludesAudioActivityAndAllVideo,
}

/// <summary>Wire converter for <see cref="TurnCoverage"/>.</summary>
internal sealed class TurnCoverageConverter : WireEnumConverter<TurnCoverage>
{
    public TurnCoverageConverter()
        : base(
            (TurnCoverage.Unspecified, "TURN_COVERAGE_UNSPECIFIED"),
            (TurnCoverage.TurnIncludesOnlyActivity, "TURN_INCLUDES_ONLY_ACTIVITY"),
            (TurnCoverage.TurnIncludesAllInput, "TURN_INCLUDES_ALL_INPUT"),
            (TurnCoverage.TurnIncludesAudioActivityAndAllVideo, "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO"))
    {
    }
}
