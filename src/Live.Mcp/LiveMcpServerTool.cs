using System.Text.Json;
using Live.Extensions.AI;
using Live.Tools;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using McpTool = ModelContextProtocol.Protocol.Tool;

namespace Live.Mcp;

/// <summary>
/// One function of an <see cref="ILiveToolSet"/> served as an MCP tool: the input schema is written from the generated
/// declaration, calls go through the generated dispatcher (no reflection), and an error response becomes a result with
/// <c>isError: true</c> whose text is the dispatcher's message.
/// </summary>
internal sealed class LiveMcpServerTool : McpServerTool
{
    private readonly ILiveToolSet _toolSet;

    public LiveMcpServerTool(ILiveToolSet toolSet, FunctionDeclaration declaration)
    {
        _toolSet = toolSet;
        ProtocolTool = new McpTool
        {
            Name = declaration.Name!,
            Description = declaration.Description,
            InputSchema = GeminiSchemaWriter.ParametersSchema(declaration),
        };
        if (GeminiSchemaWriter.ResponseSchema(declaration) is { } output)
        {
            ProtocolTool.OutputSchema = output;
        }
    }

    public override McpTool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata => Array.Empty<object>();

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var call = new FunctionCall { Name = ProtocolTool.Name, Args = ToJsonObject(request?.Params?.Arguments) };
        // The request's services (the MCP server's scope) bind [FromServices] parameters.
        FunctionResponse response = request?.Services is { } services
            ? await _toolSet.InvokeWithServicesAsync(call, services, cancellationToken).ConfigureAwait(false)
            : await _toolSet.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
        JsonElement? result = LiveToolAIFunction.ResultOf(response);
        string text = result is { ValueKind: JsonValueKind.String } s ? s.GetString()! : result?.GetRawText() ?? "null";
        if (response.IsError && result is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("error", out JsonElement message) && message.ValueKind == JsonValueKind.String)
        {
            text = message.GetString()!;
        }

        return new CallToolResult
        {
            IsError = response.IsError ? true : null,
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = !response.IsError && ProtocolTool.OutputSchema is not null ? result : null,
        };
    }

    private static JsonElement ToJsonObject(IDictionary<string, JsonElement>? arguments)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (arguments is not null)
            {
                foreach (KeyValuePair<string, JsonElement> argument in arguments)
                {
                    writer.WritePropertyName(argument.Key);
                    argument.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
