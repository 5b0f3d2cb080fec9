using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Live;
using Live.Tools;

namespace WeatherSample;

/// <summary>
/// Wraps a tool set and prints every call the model makes (name, arguments, id) and the response the loop sends back.
/// Any <see cref="ILiveToolSet"/> can be wrapped like this, for logging, metrics or access checks.
/// </summary>
/// <param name="inner">The tool set that does the work.</param>
internal sealed class ConsoleTracedTools(ILiveToolSet inner) : ILiveToolSet
{
    public IReadOnlyList<FunctionDeclaration> FunctionDeclarations => inner.FunctionDeclarations;

    public bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool) => inner.TryGetTool(name, out tool);

    public async ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        Console.WriteLine($"tool   › {call.Name}({(call.Args is { } args ? Compact(args) : "{}")})   [call id {call.Id}]");
        FunctionResponse response = await inner.InvokeAsync(call, cancellationToken);
        Console.WriteLine($"result › {response.Response?.ToJsonString() ?? "{}"}");
        return response;
    }

    private static string Compact(JsonElement json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
