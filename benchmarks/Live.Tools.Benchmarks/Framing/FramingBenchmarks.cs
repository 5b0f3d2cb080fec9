using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Live.Benchmarks.Support;
using Live.Serialization;
using Live.Session;

namespace Live.Benchmarks.Framing;

/// <summary>
/// The realtime audio frame (<c>{"realtimeInput":{"audio":{"data":"&lt;base64&gt;","mimeType":"audio/pcm;rate=16000"}}}</c>)
/// for 100 ms (3,200 B) and 1 s (32,000 B) of 16 kHz PCM, against base64 alone.
/// </summary>
[MemoryDiagnoser]
public class FramingBenchmarks
{
    private const string MimeType = "audio/pcm;rate=16000";
    private byte[] _pcm = null!;
    private ArrayBufferWriter<byte> _buffer = null!;
    private Utf8JsonWriter _writer = null!;
    private byte[] _base64 = null!;
    private AsyncSession _session = null!;
    private NullTransport _transport = null!;

    [Params(3_200, 32_000)]
    public int ChunkBytes { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _pcm = new byte[ChunkBytes];
        new Random(42).NextBytes(_pcm);
        _buffer = new ArrayBufferWriter<byte>(64 * 1024);
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance });
        _base64 = new byte[Base64.GetMaxEncodedToUtf8Length(ChunkBytes)];
        (_session, _transport) = await NullTransport.ConnectAsync();

        LibraryFrameWriter();
        byte[] library = _buffer.WrittenSpan.ToArray();
        HandWrittenFrame();
        byte[] handWritten = _buffer.WrittenSpan.ToArray();
        ViaString();
        byte[] viaString = _buffer.WrittenSpan.ToArray();
        _transport.Capture = true;
        await _session.SendAudioAsync(_pcm, MimeType);
        _transport.Capture = false;
        Check.SameBytes($"audio frame {ChunkBytes} B", [
            ("hand-written Utf8JsonWriter.WriteBase64String", handWritten),
            ("library RealtimeInputWriter", library),
            ("SendAudioAsync", _transport.Captured!),
            ("base64 via string", viaString),
        ]);

        // Base64 alone must be the same bytes the frame carries.
        int written = Base64Only();
        byte[] prefix = "{\"realtimeInput\":{\"audio\":{\"data\":\""u8.ToArray();
        Check.SameBytes($"base64 of {ChunkBytes} B", [
            ("Base64.EncodeToUtf8", _base64.AsSpan(0, written).ToArray()),
            ("frame's data", library.AsSpan(prefix.Length, written).ToArray()),
        ]);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _session.DisposeAsync();

    [Benchmark(Baseline = true, Description = "Hand-written frame, Utf8JsonWriter.WriteBase64String")]
    public int HandWrittenFrame()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteStartObject("realtimeInput"u8);
        _writer.WriteStartObject("audio"u8);
        _writer.WriteBase64String("data"u8, _pcm);
        _writer.WriteString("mimeType"u8, MimeType);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Library frame writer (RealtimeInputWriter)")]
    public int LibraryFrameWriter()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        RealtimeInputWriter.WriteMedia(_writer, (_pcm, MimeType, false));
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "SendAudioAsync (no-op transport)")]
    public Task SendAudioAsync() => _session.SendAudioAsync(_pcm, MimeType);

    [Benchmark(Description = "Base64.EncodeToUtf8 alone")]
    public int Base64Only()
    {
        Base64.EncodeToUtf8(_pcm, _base64, out _, out int written);
        return written;
    }

    [Benchmark(Description = "Base64 through a string (Convert.ToBase64String)")]
    public int ViaString()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteStartObject("realtimeInput"u8);
        _writer.WriteStartObject("audio"u8);
        _writer.WriteString("data"u8, Convert.ToBase64String(_pcm));
        _writer.WriteString("mimeType"u8, MimeType);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}
