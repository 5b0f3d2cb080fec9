using System.Text.Json;

namespace Live.Serialization;

/// <summary>
/// The wire names of the enums a client message carries, as their <c>WireEnumConverter</c>s write them (checked
/// against the converters by <c>ClientMessageWriterTests</c>); a value without a name throws the converters' exception.
/// </summary>
internal static class WireNames
{
    public static ReadOnlySpan<byte> Of(Modality value) => value switch
    {
        Modality.Unspecified => "MODALITY_UNSPECIFIED"u8,
        Modality.Text => "TEXT"u8,
        Modality.Image => "IMAGE"u8,
        Modality.Audio => "AUDIO"u8,
        Modality.Video => "VIDEO"u8,
        Modality.Document => "DOCUMENT"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(MediaResolution value) => value switch
    {
        MediaResolution.Unspecified => "MEDIA_RESOLUTION_UNSPECIFIED"u8,
        MediaResolution.Low => "MEDIA_RESOLUTION_LOW"u8,
        MediaResolution.Medium => "MEDIA_RESOLUTION_MEDIUM"u8,
        MediaResolution.High => "MEDIA_RESOLUTION_HIGH"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(ThinkingLevel value) => value switch
    {
        ThinkingLevel.Unspecified => "THINKING_LEVEL_UNSPECIFIED"u8,
        ThinkingLevel.Minimal => "MINIMAL"u8,
        ThinkingLevel.Low => "LOW"u8,
        ThinkingLevel.Medium => "MEDIUM"u8,
        ThinkingLevel.High => "HIGH"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(Language value) => value switch
    {
        Language.Unspecified => "LANGUAGE_UNSPECIFIED"u8,
        Language.Python => "PYTHON"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(Outcome value) => value switch
    {
        Outcome.Unspecified => "OUTCOME_UNSPECIFIED"u8,
        Outcome.Ok => "OUTCOME_OK"u8,
        Outcome.Failed => "OUTCOME_FAILED"u8,
        Outcome.DeadlineExceeded => "OUTCOME_DEADLINE_EXCEEDED"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(ActivityHandling value) => value switch
    {
        ActivityHandling.Unspecified => "ACTIVITY_HANDLING_UNSPECIFIED"u8,
        ActivityHandling.StartOfActivityInterrupts => "START_OF_ACTIVITY_INTERRUPTS"u8,
        ActivityHandling.NoInterruption => "NO_INTERRUPTION"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(TurnCoverage value) => value switch
    {
        TurnCoverage.Unspecified => "TURN_COVERAGE_UNSPECIFIED"u8,
        TurnCoverage.TurnIncludesOnlyActivity => "TURN_INCLUDES_ONLY_ACTIVITY"u8,
        TurnCoverage.TurnIncludesAllInput => "TURN_INCLUDES_ALL_INPUT"u8,
        TurnCoverage.TurnIncludesAudioActivityAndAllVideo => "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(StartSensitivity value) => value switch
    {
        StartSensitivity.Unspecified => "START_SENSITIVITY_UNSPECIFIED"u8,
        StartSensitivity.High => "START_SENSITIVITY_HIGH"u8,
        StartSensitivity.Low => "START_SENSITIVITY_LOW"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(EndSensitivity value) => value switch
    {
        EndSensitivity.Unspecified => "END_SENSITIVITY_UNSPECIFIED"u8,
        EndSensitivity.High => "END_SENSITIVITY_HIGH"u8,
        EndSensitivity.Low => "END_SENSITIVITY_LOW"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(SchemaType value) => value switch
    {
        SchemaType.Unspecified => "TYPE_UNSPECIFIED"u8,
        SchemaType.String => "STRING"u8,
        SchemaType.Number => "NUMBER"u8,
        SchemaType.Integer => "INTEGER"u8,
        SchemaType.Boolean => "BOOLEAN"u8,
        SchemaType.Array => "ARRAY"u8,
        SchemaType.Object => "OBJECT"u8,
        SchemaType.Null => "NULL"u8,
        _ => throw NoName(value),
    };

    public static ReadOnlySpan<byte> Of(Behavior value) => value switch
    {
        Behavior.Unspecified => "UNSPECIFIED"u8,
        Behavior.Blocking => "BLOCKING"u8,
        Behavior.NonBlocking => "NON_BLOCKING"u8,
        _ => throw NoName(value),
    };

    private static JsonException NoName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        new($"{typeof(TEnum).Name} has no wire name for the value {value}.");
}
