using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.AspNetCore;

/// <summary>
/// Writes the JSON text messages the relay sends to the page (see <c>docs/browser.md</c>): one object per message,
/// with a <c>type</c>, written with <see cref="Utf8JsonWriter"/> (no reflection).
/// </summary>
internal static class RelayMessages
{
    public static byte[] Ready(int inputSampleRate, int outputSampleRate) => Write(w =>
    {
        w.WriteString("type", "ready");
        w.WriteNumber("inputSampleRate", inputSampleRate);
        w.WriteNumber("outputSampleRate", outputSampleRate);
    });

    public static byte[] AudioFormat(int sampleRate) => Write(w =>
    {
        w.WriteString("type", "audioFormat");
        w.WriteNumber("sampleRate", sampleRate);
    });

    public static byte[] Transcript(string role, string text) => Write(w =>
    {
        w.WriteString("type", "transcript");
        w.WriteString("role", role);
        w.WriteString("text", text);
    });

    public static byte[] Text(string text) => Write(w =>
    {
        w.WriteString("type", "text");
        w.WriteString("text", text);
    });

    public static byte[] Interrupted() => Write(w => w.WriteString("type", "interrupted"));

    public static byte[] TurnComplete() => Write(w => w.WriteString("type", "turnComplete"));

    public static byte[] ToolCall(FunctionCall call) => Write(w =>
    {
        w.WriteString("type", "toolCall");
        w.WriteString("id", call.Id);
        w.WriteString("name", call.Name);
        w.WritePropertyName("args");
        if (call.Args is { ValueKind: JsonValueKind.Object } args)
        {
            args.WriteTo(w);
        }
        else
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
    });

    public static byte[] ToolResult(FunctionResponse response) => Write(w =>
    {
        w.WriteString("type", "toolResult");
        w.WriteString("id", response.Id);
        w.WriteString("name", response.Name);
        w.WriteBoolean("isError", response.IsError);
        w.WritePropertyName("response");
        if (response.Response is JsonObject body)
        {
            body.WriteTo(w);
        }
        else
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
    });

    public static byte[] ToolCancelled(FunctionCall call) => Write(w =>
    {
        w.WriteString("type", "toolCancelled");
        w.WriteString("id", call.Id);
        w.WriteString("name", call.Name);
    });

    public static byte[] Error(string code, string message) => Write(w =>
    {
        w.WriteString("type", "error");
        w.WriteString("code", code);
        w.WriteString("message", message);
    });

    public static byte[] Closed(string reason) => Write(w =>
    {
        w.WriteString("type", "closed");
        w.WriteString("reason", reason);
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
