using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Live.Benchmarks.Support;
using Live.Serialization;

namespace Live.Benchmarks.Receive;

/// <summary>
/// Parsing received frames into the public message model: the source-generated <c>LiveJsonContext</c> (what
/// <c>ReceiveAsync</c> did per frame before issue 17, and still does for the frames the light reader leaves to it), the
/// light reader (<c>ServerMessageReader</c>, what it does now) with exact-size and with pooled inline data, against a
/// hand-written reader that decodes into a caller-owned buffer.
/// </summary>
[MemoryDiagnoser]
public class ReceiveAudioBenchmarks
{
    private LiveJsonContext _json = null!;
    private byte[] _frame = null!;
    private byte[] _pcm = null!;
    private byte[] _scratch = null!;

    [Params(3_200, 32_000)]
    public int AudioBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _json = LiveJsonContext.Create();
        _pcm = new byte[AudioBytes];
        new Random(7).NextBytes(_pcm);
        _frame = Encoding.UTF8.GetBytes(
            "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pcm;rate=24000\",\"data\":\"" + Convert.ToBase64String(_pcm) + "\"}}]}}}");
        _scratch = new byte[AudioBytes];

        LiveServerMessage message = Library();
        byte[] library = message.ServerContent!.ModelTurn!.Parts![0].InlineData!.Data.ToArray();
        int length = HandWrittenIntoCallerBuffer();
        byte[] light = LightReader().ServerContent!.ModelTurn!.Parts![0].InlineData!.Data.ToArray();
        LiveServerMessageLease? lease = null;
        byte[] pooled = ServerMessageReader.TryRead(_frame, _json, System.Buffers.ArrayPool<byte>.Shared, ref lease)!.ServerContent!.ModelTurn!.Parts![0].InlineData!.Data.ToArray();
        lease!.Dispose();
        Check.SameBytes($"received audio {AudioBytes} B", [
            ("original PCM", _pcm),
            ("library (LiveServerMessage)", library),
            ("light reader", light),
            ("light reader, pooled", pooled),
            ("hand-written reader into caller buffer", _scratch.AsSpan(0, length).ToArray()),
        ]);
    }

    [Benchmark(Baseline = true, Description = "Hand-written reader, decode into caller-owned buffer")]
    public int HandWrittenIntoCallerBuffer()
    {
        var reader = new Utf8JsonReader(_frame);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                Base64.DecodeFromUtf8(reader.ValueSpan, _scratch, out _, out int written);
                return written;
            }
        }

        throw new InvalidOperationException("no data");
    }

    [Benchmark(Description = "Library: parse serverContent audio frame")]
    public LiveServerMessage Library() =>
        JsonSerializer.Deserialize(_frame, _json.LiveServerMessage) ?? throw new InvalidOperationException("null");

    [Benchmark(Description = "Light reader (ReceiveAsync)")]
    public LiveServerMessage LightReader()
    {
        LiveServerMessageLease? lease = null;
        return ServerMessageReader.TryRead(_frame, _json, pool: null, ref lease) ?? throw new InvalidOperationException("fell back");
    }

    [Benchmark(Description = "Light reader, pooled data given back (ReceivePooledAsync)")]
    public int LightReaderPooled()
    {
        LiveServerMessageLease? lease = null;
        LiveServerMessage message = ServerMessageReader.TryRead(_frame, _json, System.Buffers.ArrayPool<byte>.Shared, ref lease)
            ?? throw new InvalidOperationException("fell back");
        int length = message.ServerContent!.ModelTurn!.Parts![0].InlineData!.Data.Length;
        lease!.Dispose();
        return length;
    }
}

/// <summary>Parsing a <c>toolCall</c> frame with one function call.</summary>
[MemoryDiagnoser]
public class ReceiveToolCallBenchmarks
{
    private LiveJsonContext _json = null!;
    private byte[] _frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        _json = LiveJsonContext.Create();
        _frame = Encoding.UTF8.GetBytes(
            """{"toolCall":{"functionCalls":[{"id":"call-1","name":"get_weather","args":{"location":"Tokyo, JP","unit":"fahrenheit","days":3}}]}}""");
        FunctionCall call = Library().ToolCall!.FunctionCalls![0];
        FunctionCall light = LightReader().ToolCall!.FunctionCalls![0];
        (string id, string name, int start, int length) = Read();
        Check.SameBytes("received toolCall", [
            ("library", Encoding.UTF8.GetBytes($"{call.Id}|{call.Name}|{Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(call.Args!.Value))}")),
            ("light reader", Encoding.UTF8.GetBytes($"{light.Id}|{light.Name}|{Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(light.Args!.Value))}")),
            ("hand-written reader", Encoding.UTF8.GetBytes($"{id}|{name}|{Encoding.UTF8.GetString(_frame, start, length)}")),
        ]);
    }

    [Benchmark(Baseline = true, Description = "Hand-written reader (id, name, args slice)")]
    public int HandWritten() => Read().Length;

    [Benchmark(Description = "Library: parse toolCall frame")]
    public LiveServerMessage Library() =>
        JsonSerializer.Deserialize(_frame, _json.LiveServerMessage) ?? throw new InvalidOperationException("null");

    [Benchmark(Description = "Light reader (ReceiveAsync)")]
    public LiveServerMessage LightReader()
    {
        LiveServerMessageLease? lease = null;
        return ServerMessageReader.TryRead(_frame, _json, pool: null, ref lease) ?? throw new InvalidOperationException("fell back");
    }

    private (string Id, string Name, int Start, int Length) Read()
    {
        var reader = new Utf8JsonReader(_frame);
        string? id = null;
        string? name = null;
        int start = -1;
        int length = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 4)
            {
                continue;
            }

            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetString();
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.GetString();
            }
            else if (reader.ValueTextEquals("args"u8))
            {
                reader.Read();
                start = (int)reader.TokenStartIndex;
                reader.Skip();
                length = (int)reader.BytesConsumed - start;
            }
        }

        return (id ?? throw new InvalidOperationException("no id"), name ?? throw new InvalidOperationException("no name"), start, length);
    }
}
