using System.Text.Json.Nodes;

namespace Live.Tools;

/// <summary>
/// An informative tool result in the shape Google recommends for the Live models (Gemini 3.8 Live): what happened
/// (<see cref="Status"/>), whether calling again can help (<see cref="Retryable"/>), a machine-readable
/// <see cref="ReasonCode"/>, the <see cref="ValidOptions"/> to pick from, a <see cref="RetryHint"/> and a plain
/// <see cref="Message"/>. A model that reads an empty or uninformative result tends to call the tool again with varied
/// arguments (two to five "sweeps"); a result that says <c>retryable: false</c> stops that.
/// </summary>
/// <remarks>
/// <para>On the wire the fields are written in snake_case into the response object. A failure
/// (<see cref="IsFailure"/>) puts its message under <c>"error"</c>, the toolkit's convention for every error response;
/// a result that is not a failure (<see cref="StatusNoResults"/>, <see cref="StatusNoResultsInRange"/>) puts it under
/// <c>"message"</c>:</para>
/// <code>{"status":"invalid_argument","retryable":false,"reason_code":"not_one_of","valid_options":["celsius","fahrenheit"],"error":"unit: expected one of …"}</code>
/// <para>Throw a <see cref="LiveToolException"/> that carries one from a tool; the tool loop uses the same shape for
/// the errors it makes itself (unknown function, bad arguments, timeout, refusal, failure).</para>
/// </remarks>
public sealed class LiveToolError
{
    /// <summary>A valid query that found nothing; calling again will not help.</summary>
    public const string StatusNoResults = "no_results";

    /// <summary>A valid query whose range (dates, area) was empty; one wider query may help.</summary>
    public const string StatusNoResultsInRange = "no_results_in_range";

    /// <summary>An argument was missing, malformed or not one of the valid options.</summary>
    public const string StatusInvalidArgument = "invalid_argument";

    /// <summary>The model called a function the session does not implement.</summary>
    public const string StatusUnknownFunction = "unknown_function";

    /// <summary>The call ran longer than its timeout and was cancelled.</summary>
    public const string StatusTimeout = "timeout";

    /// <summary>The call was stopped before it produced a result (for example while it waited for approval).</summary>
    public const string StatusCancelled = "cancelled";

    /// <summary>The user (or an approval policy) refused to let the tool run.</summary>
    public const string StatusNotApproved = "not_approved";

    /// <summary>The tool failed.</summary>
    public const string StatusFailed = "tool_error";

    /// <summary>Creates a result.</summary>
    /// <param name="status">What happened, for example <see cref="StatusNoResults"/>.</param>
    /// <param name="message">A plain sentence for the model (and, through it, the user).</param>
    /// <param name="retryable">Whether calling again can help.</param>
    public LiveToolError(string status, string message, bool retryable)
    {
        Status = string.IsNullOrEmpty(status) ? throw new ArgumentException("The status is required.", nameof(status)) : status;
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Retryable = retryable;
    }

    /// <summary>What happened, sent as <c>status</c>.</summary>
    public string Status { get; }

    /// <summary>A plain sentence, sent as <c>error</c> (failures) or <c>message</c>.</summary>
    public string Message { get; }

    /// <summary>Whether calling again can help, sent as <c>retryable</c>.</summary>
    public bool Retryable { get; }

    /// <summary>A short machine-readable reason, sent as <c>reason_code</c> when set.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>The values the model (or the user) may choose from, sent as <c>valid_options</c> when set.</summary>
    public IReadOnlyList<string>? ValidOptions { get; init; }

    /// <summary>How a call that can help should differ, sent as <c>retry_hint</c> when set.</summary>
    public string? RetryHint { get; init; }

    /// <summary>
    /// Whether this is an error (the response carries <c>"error"</c> and counts as a failed call). False for
    /// <see cref="StatusNoResults"/> and <see cref="StatusNoResultsInRange"/>: an empty answer is an answer.
    /// </summary>
    public bool IsFailure => Status is not (StatusNoResults or StatusNoResultsInRange);

    /// <summary>A valid query found nothing and calling again will not help (<c>no_results</c>, <c>retryable: false</c>).</summary>
    /// <param name="message">What was searched and that nothing was found, for example <c>No appointments with Ada in May.</c></param>
    /// <returns>The result.</returns>
    public static LiveToolError NoResults(string message) => new(StatusNoResults, message, retryable: false);

    /// <summary>A valid query found nothing in its range; one wider query may help (<c>no_results_in_range</c>, <c>retryable: true</c>).</summary>
    /// <param name="message">What was searched.</param>
    /// <param name="retryHint">How to widen the query, for example <c>Try the whole month.</c></param>
    /// <returns>The result.</returns>
    public static LiveToolError NoResultsInRange(string message, string retryHint) =>
        new(StatusNoResultsInRange, message, retryable: true) { RetryHint = retryHint };

    /// <summary>An argument is invalid or names something that does not exist (<c>invalid_argument</c>, <c>retryable: false</c>).</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="reasonCode">A short code, for example <c>unknown_vendor</c>.</param>
    /// <param name="validOptions">The values that exist, or null.</param>
    /// <returns>The result.</returns>
    public static LiveToolError InvalidArgument(string message, string reasonCode, IReadOnlyList<string>? validOptions = null) =>
        new(StatusInvalidArgument, message, retryable: false) { ReasonCode = reasonCode, ValidOptions = validOptions };

    /// <summary>Writes the fields into a response object (replacing members of the same names).</summary>
    /// <param name="response">The response object.</param>
    /// <returns>The same object.</returns>
    public JsonObject WriteTo(JsonObject response)
    {
        if (response is null)
        {
            throw new ArgumentNullException(nameof(response));
        }

        response["status"] = Status;
        response["retryable"] = Retryable;
        if (ReasonCode is not null)
        {
            response["reason_code"] = ReasonCode;
        }

        if (ValidOptions is { } options)
        {
            var array = new JsonArray();
            foreach (string option in options)
            {
                array.Add((JsonNode?)option);
            }

            response["valid_options"] = array;
        }

        if (RetryHint is not null)
        {
            response["retry_hint"] = RetryHint;
        }

        response[IsFailure ? "error" : "message"] = Message;
        return response;
    }

    /// <summary>The response object: the fields of <see cref="WriteTo"/> in a new object.</summary>
    /// <returns>The object.</returns>
    public JsonObject ToJsonObject() => WriteTo(new JsonObject());

    /// <inheritdoc />
    public override string ToString() => $"{Status}: {Message}";
}
