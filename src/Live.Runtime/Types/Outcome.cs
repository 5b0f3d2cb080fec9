using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>The outcome of code the model ran.</summary>
[JsonConverter(typeof(OutcomeConverter))]
public enum Outcome
{
    /// <summary><c>OUTCOME_UNSPECIFIED</c>: not specified; also what an unknown wire value reads as.</summary>
    Unspecified = 0,

    /// <summary><c>OUTCOME_OK</c>: the code ran successfully.</summary>
    Ok,

    /// <summary><c>OUTCOME_FAILED</c>: the code failed; the output holds the error.</summary>
    Failed,

    /// <summary><c>OUTCOME_DEADLINE_EXCEEDED</c>: the code ran too long and was cancelled.</summary>
    DeadlineExceeded,
}

/// <summary>Wire converter for <see cref="Outcome"/>.</summary>
internal sealed class OutcomeConverter : WireEnumConverter<Outcome>
{
    public OutcomeConverter()
        : base(
            (Outcome.Unspecified, "OUTCOME_UNSPECIFIED"),
            (Outcome.Ok, "OUTCOME_OK"),
            (Outcome.Failed, "OUTCOME_FAILED"),
            (Outcome.DeadlineExceeded, "OUTCOME_DEADLINE_EXCEEDED"))
    {
    }
}
