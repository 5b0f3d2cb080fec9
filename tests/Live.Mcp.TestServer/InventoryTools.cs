using System.ComponentModel;
using Live.Tools;

namespace Live.Mcp.TestServer;

/// <summary>[LiveTool] methods this server exposes as MCP tools through <c>AsMcpServerTools()</c>.</summary>
public partial class InventoryTools
{
    private static readonly Dictionary<string, int> s_stock = new(StringComparer.OrdinalIgnoreCase)
    {
        ["apple"] = 12,
        ["pear"] = 0,
    };

    /// <summary>Counts the items of a product in stock.</summary>
    /// <param name="product">The product name, for example apple.</param>
    [LiveTool]
    public int CountStock(string product) =>
        s_stock.TryGetValue(product, out int count) ? count : throw new LiveToolException($"No product named {product}.");

    /// <summary>Adds two integers.</summary>
    /// <param name="a">The first.</param>
    /// <param name="b">The second.</param>
    [LiveTool]
    public long AddNumbers(int a, int b) => (long)a + b;

    /// <summary>Says which process answered.</summary>
    [LiveTool]
    [Description("Reports the server's process id.")]
    public int ServerProcess() => Environment.ProcessId;
}
