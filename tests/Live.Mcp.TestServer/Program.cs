using Live.Mcp;
using Live.Mcp.TestServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

// An MCP server over stdio: the [LiveTool] methods of InventoryTools, plus one tool written with the SDK's own API.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services
    .AddMcpServer()
    .WithStdioServerTransport()
    .WithTools(new InventoryTools().AsMcpServerTools())
    .WithTools([McpServerTool.Create((string text) => "echo: " + text, new McpServerToolCreateOptions { Name = "echo", Description = "Echoes the text." })]);
await builder.Build().RunAsync();
