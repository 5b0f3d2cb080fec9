using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Mcp;
using Live.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Live.Extensions.Tests;

public class McpTests
{
    private static readonly string s_serverPath = typeof(McpTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "McpTestServer").Value!;

    private static Task<McpClient> StartServerAsync(CancellationToken cancellationToken)
    {
        Assert.True(File.Exists(s_serverPath), "the MCP test server was not built: " + s_serverPath);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "live-mcp-test-server",
            Command = "dotnet",
            Arguments = [s_serverPath],
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        return McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
    }

    [Fact]
    public async Task An_MCP_client_lists_and_calls_LiveTool_methods_served_by_a_real_server_process()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using McpClient client = await StartServerAsync(timeout.Token);

        IList<McpClientTool> tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
        Assert.Equal(["add_numbers", "count_stock", "echo", "server_process"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        McpClientTool add = tools.Single(t => t.Name == "add_numbers");
        Assert.Equal("Adds two integers.", add.Description);
        JsonElement schema = add.JsonSchema;
        Assert.Equal("integer", schema.GetProperty("properties").GetProperty("a").GetProperty("type").GetString());
        Assert.Equal(["a", "b"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        CallToolResult sum = await client.CallToolAsync("add_numbers", new Dictionary<string, object?> { ["a"] = 2_000_000_000, ["b"] = 2_000_000_000 }, cancellationToken: timeout.Token);
        Assert.NotEqual(true, sum.IsError);
        Assert.Equal("4000000000", Assert.IsType<TextContentBlock>(Assert.Single(sum.Content)).Text);

        CallToolResult pid = await client.CallToolAsync("server_process", cancellationToken: timeout.Token);
        Assert.NotEqual(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<TextContentBlock>(Assert.Single(pid.Content)).Text);

        // The dispatcher's argument check and a LiveToolException come back as MCP tool errors the model can read.
        CallToolResult bad = await client.CallToolAsync("add_numbers", new Dictionary<string, object?> { ["a"] = "two", ["b"] = 1 }, cancellationToken: timeout.Token);
        Assert.True(bad.IsError);
        Assert.Contains("a", Assert.IsType<TextContentBlock>(Assert.Single(bad.Content)).Text, StringComparison.Ordinal);
        CallToolResult missing = await client.CallToolAsync("count_stock", new Dictionary<string, object?> { ["product"] = "kiwi" }, cancellationToken: timeout.Token);
        Assert.True(missing.IsError);
        Assert.Equal("No product named kiwi.", Assert.IsType<TextContentBlock>(Assert.Single(missing.Content)).Text);
    }

    [Fact]
    public async Task A_Live_session_calls_the_tools_of_a_real_MCP_server_process()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using McpClient mcp = await StartServerAsync(timeout.Token);
        McpLiveToolSet tools = await mcp.ListLiveToolsAsync(cancellationToken: timeout.Token);
        Assert.Empty(tools.ConversionNotes);

        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator
            .OnUserText(@"stock of (?<product>\w+)", turn => turn.CallTool("count_stock", new JsonObject { ["product"] = turn["product"] }))
            .OnToolResponse("count_stock", turn => turn.CallTool("echo", new JsonObject { ["text"] = "stock " + turn.Output.GetString() }))
            .OnToolResponse("echo", turn => turn.Say(turn.Output.GetString()!));

        Client client = emulator.CreateClient();
        await using AsyncSession session = await client.Live.ConnectAsync(
            "gemini-live-2.5-flash-preview",
            new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [Live.Tools.LiveToolSet.ToTool(tools)] });
        await session.SendClientContentAsync("stock of apple", turnComplete: true);

        var answer = new StringBuilder();
        await foreach (LiveServerMessage message in session.ReceiveWithToolsAsync(tools, cancellationToken: timeout.Token))
        {
            answer.Append(message.Text);
            if (message.ServerContent?.TurnComplete == true)
            {
                break;
            }
        }

        // count_stock is a [LiveTool] method behind MCP (its 12 travels as MCP text, so it arrives as the string "12"), echo a tool
        // written with the SDK: both answered through the process.
        Assert.Equal("echo: stock 12", answer.ToString());
        Assert.Equal(["add_numbers", "count_stock", "echo", "server_process"], Assert.Single(emulator.Connections).FunctionNames.Order(StringComparer.Ordinal));
    }
}
