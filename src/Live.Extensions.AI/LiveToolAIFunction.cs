using System.Buffers;
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
    private readonly JsonSerializerOptions _serializerOptions;

    public LiveToolAIFunction(ILiveToolSet toolSet, FunctionDeclaration declaration, JsonSerializerOptions serializerOptions)
    {
        ToolSet = toolSet;
        Declaration = declaration;
        Name = declaration.Name!;
        Description = declaration.Description ?? string.Empty;
        JsonSchema = GeminiSchemaWriter.ParametersSchema(declaration);
        ReturnJsonSchema = GeminiSchemaWriter.ResponseSchema(declaration);
        _serializerOptions = serializerOptions;
    }

    /// <summary>The set whose dispatcher runs the function.</summary>
    public ILiveToolSet ToolSet { get; }

    /// <summary>The generated declaration.</summary>
    public FunctionDeclaration Declaration { get; }

    public override string Name { get; }

    public override string Description { get; }

    public override JsonElement JsonSchema { get; }

    public override JsonElement? ReturnJsonSchema { get; }

    public override JsonSerializerOptions JsonSerializerOptions => _serializerOptions;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var call = new FunctionCall { Name = Name, Args = ArgumentWriter.ToJsonObject(arguments, _serializerOptions) };
        FunctionResponse response = await ToolSet.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
        return ResultOf(response);
    }

    /// <summary>
    /// What a chat model sees: the value under <c>"output"</c> when that is all the response holds, otherwise the whole
    /// response object (an <c>{"error": "…"}</c> stays an object, so the model reads the same text as on Gemini Live).
    /// </summary>
    internal static JsonElement? ResultOf(FunctionResponse response)
    {
        JsonObject? body = response.Response;
        if (body is null)
        {
            return null;
        }

        JsonNode? node = !response.IsError && body.Count == 1 && body.TryGetPropertyValue("output", out JsonNode? output) ? output : body;
        if (node is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
