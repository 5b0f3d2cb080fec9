using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>What user activity does to the model's current answer.</summary>
[JsonConverter(typeof(ActivityHandlingConverter))]
public enum ActivityHandling
{
    /// <summary><c>ACTIVITY_HANDLING_UNSPECIFIED</c>: not specified (the service's default, interrupt).</summary>
    Unspecified = 0,

    /// <summary><c>START_OF_ACTIVITY_INTERRUPTS</c>: the start of activity interrupts the model's answer (barge-in).</summary>
    StartOfActivityInterrupts,

    /// <summary><c>NO_INTERRUPTION</c>: the model's answer is not interrupted.</summary>
    NoInterruption,
}

/// <summary>Wire converter for <see cref="ActivityHandling"/>.</summary>
internal sealed class ActivityHandlingConverter : WireEnumConverter<ActivityHandling>
{
    public ActivityHandlingConverter()
        : base(
            (ActivityHandling.Unspecified, "ACTIVITY_HANDLING_UNSPECIFIED"),
            (ActivityHandling.StartOfActivityInterrupts, "START_OF_ACTIVITY_INTERRUPTS"),
            (ActivityHandling.NoInterruption, "NO_INTERRUPTION"))
    {
    }
}
