using System.Text.Json;

namespace Live.Testing;

/// <summary>One function response of a <c>toolResponse</c> frame the client sent.</summary>
public sealed class ReceivedFunctionResponse
{
    internal ReceivedFunctionResponse(JsonElement element)
    {
        Element = element;
        Id = JsonFields.GetString(element, "id");
        Name = JsonFields.GetString(element, "name");
        Response = JsonFields.TryGet(element, "response", out JsonElement response) ? response : default;
        Scheduling = JsonFields.GetString(element, "scheduling");
        WillContinue = JsonFields.TryGet(element, "willContinue", out JsonElement willContinue) && willContinue.ValueKind == JsonValueKind.True;
    }

    /// <summary>The function response object as sent.</summary>
    public JsonElement Element { get; }

    /// <summary>The id of the call answered.</summary>
    public string? Id { get; }

    /// <summary>The function's name.</summary>
    public string? Name { get; }

    /// <summary>The <c>response</c> object (<c>default</c> when absent).</summary>
    public JsonElement Response { get; }

    /// <summary>
    /// The result: <c>response.output</c>, or the whole response when it has neither <c>output</c> nor <c>error</c>
    /// (the convention of protocol reference §6). <c>default</c> for an error response. Its <c>ToString()</c> is the
    /// string itself for a JSON string and the JSON text otherwise, so it reads well in an interpolated reply.
    /// </summary>
    public JsonElement Output
    {
        get
        {
            if (Response.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            if (JsonFields.TryGet(Response, "output", out JsonElement output))
            {
                return output;
            }

            return IsError ? default : Response;
        }
    }

    /// <summary><c>response.error</c>, or <c>default</c>.</summary>
    public JsonElement Error => Response.ValueKind == JsonValueKind.Object && JsonFields.TryGet(Response, "error", out JsonElement error) ? error : default;

    /// <summary>Whether the response carries an <c>error</c>.</summary>
    public bool IsError => Error.ValueKind != JsonValueKind.Undefined;

    /// <summary>The <c>scheduling</c> value, when sent.</summary>
    public string? Scheduling { get; }

    /// <summary>The response's media parts (<c>parts</c>), as received; empty when none.</summary>
    public IReadOnlyList<JsonElement> Parts => JsonFields.GetArray(Element, "parts").ToArray();

    /// <summary>The <c>willContinue</c> flag.</summary>
    public bool WillContinue { get; }

    /// <inheritdoc />
    public override string ToString() => $"functionResponse {Name} (id {Id}): {Response}";
}
