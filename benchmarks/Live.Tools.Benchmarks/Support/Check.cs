using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Live.Benchmarks.Support;

/// <summary>Output checks run in every [GlobalSetup] before anything is timed, and helpers shared by the approaches.</summary>
public static class Check
{
    /// <summary>Throws unless every approach wrote exactly the same bytes.</summary>
    public static void SameBytes(string what, IReadOnlyList<(string Approach, byte[] Bytes)> outputs)
    {
        if (outputs.Count < 2)
        {
            throw new InvalidOperationException($"{what}: need at least two approaches to compare.");
        }

        (string firstName, byte[] first) = outputs[0];
        if (first.Length == 0)
        {
            throw new InvalidOperationException($"{what}: {firstName} wrote nothing.");
        }

        foreach ((string name, byte[] bytes) in outputs.Skip(1))
        {
            if (!first.AsSpan().SequenceEqual(bytes))
            {
                throw new InvalidOperationException(
                    $"{what}: {name} wrote different bytes than {firstName}:\n  {firstName}: {Excerpt(first)}\n  {name}: {Excerpt(bytes)}");
            }
        }
    }

    /// <summary>The bytes of a response's <c>response</c> object, exactly as the library would send them.</summary>
    public static byte[] ResponseBytes(FunctionResponse response)
    {
        byte[] whole = JsonSerializer.SerializeToUtf8Bytes(response);
        using JsonDocument document = JsonDocument.Parse(whole);
        if (response.IsError)
        {
            throw new InvalidOperationException("The tool answered with an error: " + Encoding.UTF8.GetString(whole));
        }

        return JsonMarshal.GetRawUtf8Value(document.RootElement.GetProperty("response")).ToArray();
    }

    /// <summary>Parses a function call the way the receive path does (args kept as a JsonElement).</summary>
    public static FunctionCall ParseCall(string json) =>
        JsonSerializer.Deserialize<FunctionCall>(json) ?? throw new InvalidOperationException("null call");

    private static string Excerpt(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        return text.Length <= 300 ? text : text[..300] + $"… ({bytes.Length} bytes)";
    }
}

/// <summary>
/// A per-thread reused <see cref="Utf8JsonWriter"/> over a reused buffer, the same pattern the generated code uses, so
/// the hand-written floor and the Microsoft.Extensions.AI adapter pay for the same writer (nothing per call).
/// </summary>
public static class ReusedWriter
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>A reset writer; the bytes are in <see cref="Written"/> after <see cref="Utf8JsonWriter.Flush"/>.</summary>
    public static Utf8JsonWriter Rent()
    {
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        Utf8JsonWriter? writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, s_options);
        }
        else
        {
            writer.Reset(buffer);
        }

        return writer;
    }

    public static ReadOnlySpan<byte> Written => t_buffer!.WrittenSpan;
}
