using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>
/// The result of a <see cref="FunctionCall"/>, sent back to the model. By convention the result sits under
/// <c>"output"</c> and a failure under <c>"error"</c>; <see cref="Response"/> must be a JSON object.
/// </summary>
[JsonConverter(typeof(FunctionResponseConverter))]
public sealed class FunctionResponse
{
    private JsonObject? _response;
    private ReadOnlyMemory<byte> _responseUtf8;

    /// <summary>The id of the <see cref="FunctionCall"/> this answers (required by the Gemini API).</summary>
    public string? Id { get; set; }

    /// <summary>The name of the function that was called.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The result as a JSON object, for example <c>{"output": …}</c> or <c>{"error": "…"}</c>.
    /// </summary>
    /// <remarks>
    /// A response created by <see cref="FromUtf8Json"/> holds UTF-8 JSON; the first read parses it into an object that
    /// every later read returns (a cache, as <see cref="Lazy{T}"/> would keep: reading has no other effect). Once read,
    /// that object is what is sent, so changes made to it are sent too.
    /// </remarks>
    public JsonObject? Response
    {
        get
        {
            JsonObject? response = Volatile.Read(ref _response);
            if (response is null && !_responseUtf8.IsEmpty)
            {
                response = JsonNode.Parse(_responseUtf8.Span)?.AsObject();
                response = Interlocked.CompareExchange(ref _response, response, null) ?? response;
            }

            return response;
        }

        set
        {
            _response = value;
            _responseUtf8 = default;
        }
    }

    /// <summary>When a <see cref="Behavior.NonBlocking"/> function's result is taken up by the model.</summary>
    public FunctionResponseScheduling? Scheduling { get; set; }

    /// <summary>
    /// Whether more responses for the same call follow (non-blocking functions, Gemini API only): <c>true</c> on an
    /// interim response, <c>false</c> on the last. The tool loop sets it for streaming tools and progress reports.
    /// </summary>
    public bool? WillContinue { get; set; }

    /// <summary>Media that belongs to the result (<c>parts</c>): images, audio or other blobs, or file references.</summary>
    public IList<FunctionResponsePart>? Parts { get; set; }

    /// <summary>
    /// The exception a tool threw, when this error response was made from one. Never sent: it lets a tool loop
    /// log the failure and, when told to, show its message to the model.
    /// </summary>
    public Exception? ToolException { get; set; }

    /// <summary>Whether a dispatcher made this error response because the call's arguments did not fit (never sent).</summary>
    internal bool IsArgumentError { get; set; }

    /// <summary>The response object as UTF-8 JSON when it was supplied that way and not yet parsed (the object wins once read).</summary>
    internal ReadOnlyMemory<byte> ResponseUtf8 => Volatile.Read(ref _response) is null ? _responseUtf8 : default;

    /// <summary>
    /// Creates a response whose <c>response</c> object is already UTF-8 JSON (as the generated dispatchers write it),
    /// so it is sent without building a DOM.
    /// </summary>
    /// <param name="id">The id of the call answered.</param>
    /// <param name="name">The function's name.</param>
    /// <param name="responseObjectUtf8">A complete JSON object, for example <c>{"output":42}</c>. It is not copied: do not change it afterwards.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse FromUtf8Json(string? id, string? name, ReadOnlyMemory<byte> responseObjectUtf8)
    {
        if (responseObjectUtf8.IsEmpty)
        {
            throw new ArgumentException("The response must be a JSON object.", nameof(responseObjectUtf8));
        }

        return new FunctionResponse { Id = id, Name = name, _responseUtf8 = responseObjectUtf8 };
    }

    /// <summary>Creates an error response: <c>{"error": message}</c>.</summary>
    /// <param name="id">The id of the call answered.</param>
    /// <param name="name">The function's name.</param>
    /// <param name="message">What went wrong, for the model to read.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse FromError(string? id, string? name, string message) =>
        new() { Id = id, Name = name, Response = new JsonObject { ["error"] = message } };

    /// <summary>
    /// Creates a response in the informative shape (<see cref="Tools.LiveToolError"/>): <c>status</c>, <c>retryable</c>,
    /// <c>reason_code</c>, <c>valid_options</c>, <c>retry_hint</c> and the message under <c>error</c> (or <c>message</c>
    /// when it is not a failure).
    /// </summary>
    /// <param name="id">The id of the call answered.</param>
    /// <param name="name">The function's name.</param>
    /// <param name="error">The result.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse FromError(string? id, string? name, Tools.LiveToolError error) =>
        new() { Id = id, Name = name, Response = (error ?? throw new ArgumentNullException(nameof(error))).ToJsonObject() };

    /// <summary>Whether the response object carries a top-level <c>"error"</c> member.</summary>
    [JsonIgnore]
    public bool IsError
    {
        get
        {
            if (_response is not null || _responseUtf8.IsEmpty)
            {
                return _response is { } r && r.ContainsKey("error");
            }

            // Scan the top-level member names of the UTF-8 JSON without building a DOM.
            var reader = new Utf8JsonReader(_responseUtf8.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    return true;
                }

                reader.Read();
                reader.Skip();
            }

            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"FunctionResponse {Name} (id {Id})";
}
