using Live.Extensions.AI;
using Live.Tools;
using ModelContextProtocol.Client;
using ModelContextProtocol.Server;

namespace Live.Mcp;

/// <summary>Connects Live.Tools tool sets and MCP servers, both ways.</summary>
public static class LiveMcpExtensions
{
    /// <summary>Lists an MCP server's tools as a tool set for a Live session.</summary>
    /// <param name="client">A connected MCP client.</param>
    /// <param name="options">Timeout and behavior; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The tool set.</returns>
    /// <exception cref="NotSupportedException">A tool's input schema cannot be expressed in Gemini's schema.</exception>
    public static async Task<McpLiveToolSet> ListLiveToolsAsync(this McpClient client, AIFunctionToolSetOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        IList<McpClientTool> tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new McpLiveToolSet(tools, options);
    }

    /// <summary>
    /// Serves every function of a tool set (a generated <c>[LiveTool]</c> type) as an MCP server tool, for
    /// <c>AddMcpServer().WithTools(…)</c> or <c>McpServerOptions.ToolCollection</c>.
    /// </summary>
    /// <param name="toolSet">The tool set.</param>
    /// <returns>One MCP tool per declaration.</returns>
    public static IReadOnlyList<McpServerTool> AsMcpServerTools(this ILiveToolSet toolSet)
    {
        if (toolSet is null)
        {
            throw new ArgumentNullException(nameof(toolSet));
        }

        return toolSet.FunctionDeclarations.Select(d => (McpServerTool)new LiveMcpServerTool(toolSet, d)).ToArray();
    }
}
