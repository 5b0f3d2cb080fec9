using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Tools;
using Microsoft.Extensions.AI;

namespace Live.Extensions.AI;

/// <summary>
/// One function of an <see cref="ILiveToolSet"/> as an <see cref="AIFunction"/>: the JSON Schema comes from the
/// generated declaration, and invocation goes through the set's dispatcher (no reflection).
/// </summary>
internal sealed class LiveToolAIFunction : AIFunction
{
    // Generated declarations are static: their JSON Schemas are written once per declaration, when first read.
    private static readonly ConditionalWeakTable<FunctionDeclaration, Schemas> s_schemas = new();

    private readonly JsonSerializerOptions _serializerOptions;
    private readonly Schemas _schemas;

    public LiveToolAIFunction(ILiveToolSet toolSet, FunctionDeclaration declaration, JsonSerializerOptions serializerOptions)
    {
        ToolSet = toolSet;
        Declaration = declaration;
        Name = declaration.Name!;
        Description = declaration.Description ?? string.Empty;
        _schemas = s_schemas.GetValue(declaration, static d => new Schemas(d));
        _serializerOptions = serializerOptions;
    }

    /// <summary>The set whose dispatcher runs the function.</summary>
    public ILiveToolSet ToolSet { get; }

    /// <summary>The generated declaration.</summary>
    public FunctionDeclaration Declaration { get; }

    public override string Name { get; }

    public override string Description { get; }

    public override JsonElement JsonSchema => _schemas.Parameters;

    public override JsonElement? ReturnJsonSchema => _schemas.Response;

    public override JsonSerializerOptions JsonSerializerOptions => _serializerOptions;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var call = new FunctionCall { Name = Name, Args = ArgumentWriter.ToJsonObject(arguments, _serializerOptions) };
        // The caller's services (FunctionInvokingChatClient passes its own) bind [FromServices] parameters.
        FunctionResponse response = arguments.Services is { } services
            ? await ToolSet.InvokeWithServicesAsync(call, services, cancellationToken).ConfigureAwait(false)
            : await ToolSet.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
        return ResultOf(response);
    }

    /// <summary>
    /// What a chat model sees: the value under <c>"output"</c> when that is all the response holds, otherwise the whole
    /// response object (an <c>{"error": "…"}</c> stays an object, so the model reads the same text as on Gemini Live).
    /// </summary>
    internal static JsonElement? ResultOf(FunctionResponse response)
    {
        JsonElement body;
        if (!response.ResponseUtf8.IsEmpty)
        {
            // The generated dispatcher wrote UTF-8: parse it once, no DOM.
            var reader = new Utf8JsonReader(response.ResponseUtf8.Span);
            body = JsonElement.ParseValue(ref reader);
        }
        else if (response.Response is { } node)
        {
            body = JsonSerializer.SerializeToElement(node, JsonNodeContext.Default.JsonObject);
        }
        else
        {
            return null;
        }

        if (!response.IsError && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("output"u8, out JsonElement output))
        {
            int count = 0;
            foreach (JsonProperty unused in body.EnumerateObject())
            {
                count++;
            }

            if (count == 1)
            {
                return output;
            }
        }

        return body;
    }
}

/// <summary>The JSON Schemas of one declaration, written on first use.</summary>
internal sealed class Schemas(FunctionDeclaration declaration)
{
    private readonly Lazy<JsonElement> _parameters = new(() => GeminiSchemaWriter.ParametersSchema(declaration));
    private readonly Lazy<JsonElement?> _response = new(() => GeminiSchemaWriter.ResponseSchema(declaration));

    public JsonElement Parameters => _parameters.Value;

    public JsonElement? Response => _response.Value;
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class JsonNodeContext : System.Text.Json.Serialization.JsonSerializerContext
{
}
