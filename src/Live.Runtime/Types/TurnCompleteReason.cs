using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>Why the service ended a turn.</summary>
[JsonConverter(typeof(TurnCompleteReasonConverter))]
public enum TurnCompleteReason
{
    /// <summary><c>TURN_COMPLETE_REASON_UNSPECIFIED</c>: not specified; also what an unknown wire value reads as.</summary>
    Unspecified = 0,

    /// <summary><c>MALFORMED_FUNCTION_CALL</c>: the model produced a malformed function call.</summary>
    MalformedFunctionCall,

    /// <summary><c>RESPONSE_REJECTED</c>: the response was rejected.</summary>
    ResponseRejected,

    /// <summary><c>NEED_MORE_INPUT</c>: the model needs more input.</summary>
    NeedMoreInput,
}

/// <summary>Wire converter for <see cref="TurnCompleteReason"/>.</summary>
internal sealed class TurnCompleteReasonConverter : WireEnumConverter<TurnCompleteReason>
{
    public TurnCompleteReasonConverter()
        : base(
            (TurnCompleteReason.Unspecified, "TURN_COMPLETE_REASON_UNSPECIFIED"),
            (TurnCompleteReason.MalformedFunctionCall, "MALFORMED_FUNCTION_CALL"),
            (TurnCompleteReason.ResponseRejected, "RESPONSE_REJECTED"),
            (TurnCompleteReason.NeedMoreInput, "NEED_MORE_INPUT"))
    {
    }
}
