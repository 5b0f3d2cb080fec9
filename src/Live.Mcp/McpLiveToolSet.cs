using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Extensions.AI;
using Live.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Live.Mcp;

/// <summary>
/// The tools of an MCP server as an <see cref="ILiveToolSet"/>: declarations converted from the tools' input schemas
/// (as <see cref="AIFunctionToolSet"/> does, with the same kept/dropped/refused rules), calls sent with
/// <c>tools/call</c>.
/// </summary>
/// <remarks>
/// The result maps to Gemini's response object: <c>isError</c> → <c>{"error": text}</c> (the server's text is meant for
/// the model, so it is passed on); <c>structuredContent</c> → <c>{"output": structuredContent}</c>; a single text
/// block → <c>{"output": "text"}</c>; anything else → <c>{"output": [content blocks]}</c>. A failed request (the server
/// went away, a protocol error) becomes an error response with a masked message; cancellation of the call is sent to
/// the server as an MCP cancellation.
/// </remarks>
public sealed class McpLiveToolSet : ILiveToolSet
{
    private readonly AIFunctionToolSet _declarations;
    private readonly Dictionary<string, McpClientTool> _tools;

    /// <summary>Creates the set from tools listed by an MCP client.</summary>
    /// <param name="tools">The tools, from <c>McpClient.ListToolsAsync</c>.</param>
    /// <param name="options">Timeout and behavior; null for the defaults.</param>
    /// <exception cref="NotSupportedException">A tool's input schema cannot be expressed in Gemini's schema.</exception>
    public McpLiveToolSet(IEnumerable<McpClientTool> tools, AIFunctionToolSetOptions? options = null)
    {
        if (tools is null)
        {
            throw new ArgumentNullException(nameof(tools));
        }

        McpClientTool[] list = tools.ToArray();
        _declarations = new AIFunctionToolSet(list, options);
        _tools = list.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>What the schema conversion dropped or weakened (see <see cref="AIFunctionToolSet.ConversionNotes"/>).</summary>
    public IReadOnlyList<string> ConversionNotes => _declarations.ConversionNotes;

    /// <inheritdoc />
    public IReadOnlyList<FunctionDeclaration> FunctionDeclarations => _declarations.FunctionDeclarations;

    /// <inheritdoc />
    public bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool) => _declarations.TryGetTool(name, out tool);

    /// <inheritdoc />
    public async ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        if (call is null)
        {
            throw new ArgumentNullException(nameof(call));
        }

        if (call.Name is null || !_tools.TryGetValue(call.Name, out McpClientTool? tool))
        {
            return LiveToolResponses.UnknownFunction(call, _tools.Keys);
        }

        if (call.Args is { } args && args.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return FunctionResponse.FromError(call.Id, call.Name, "args: expected a JSON object; got " + args.ValueKind.ToString().ToLowerInvariant());
        }

        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (call.Args is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                arguments[property.Name] = property.Value;
            }
        }

        CallToolResult result;
        try
        {
            result = await tool.CallAsync(arguments, progress: null, options: null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return LiveToolResponses.FromException(call, exception);
        }

        return ToResponse(call, result);
    }

    internal static FunctionResponse ToResponse(FunctionCall call, CallToolResult result)
    {
        IList<ContentBlock> content = result.Content ?? [];
        if (result.IsError == true)
        {
            string text = string.Join("\n", content.OfType<TextContentBlock>().Select(b => b.Text));
            return FunctionResponse.FromError(call.Id, call.Name, text.Length > 0 ? text : $"The tool \"{call.Name}\" failed.");
        }

        JsonNode? output;
        if (result.StructuredContent is { } structured)
        {
            output = JsonNode.Parse(structured.GetRawText());
        }
        else if (content.Count == 1 && content[0] is TextContentBlock single)
        {
            output = JsonValue.Create(single.Text);
        }
        else
        {
            output = JsonSerializer.SerializeToNode(content, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IList<ContentBlock>)));
        }

        return new FunctionResponse { Id = call.Id, Name = call.Name, Response = new JsonObject { ["output"] = output } };
    }
}
