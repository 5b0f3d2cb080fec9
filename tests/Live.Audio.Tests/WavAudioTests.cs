using System.Buffers.Binary;
using System.Text;

namespace Live.Audio.Tests;

public class WavAudioTests
{
    [Fact]
    public void Writes_the_canonical_44_byte_header()
    {
        var audio = new WavAudio([1, -2, 3], 16000);
        byte[] file = audio.ToArray();

        Assert.Equal(50, file.Length);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(file, 0, 4));
        Assert.Equal(42u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal("WAVEfmt ", Encoding.ASCII.GetString(file, 8, 8));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(20)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(22)));
        Assert.Equal(16000u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(24)));
        Assert.Equal(32000u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(28)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(32)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(34)));
        Assert.Equal("data", Encoding.ASCII.GetString(file, 36, 4));
        Assert.Equal(6u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)));
        Assert.Equal(new byte[] { 1, 0, 0xFE, 0xFF, 3, 0 }, file.AsSpan(44).ToArray());
    }

    [Theory]
    [InlineData(1, 8000)]
    [InlineData(2, 48000)]
    public void Round_trips_mono_and_stereo(int channels, int rate)
    {
        short[] samples = Signals.Sine(440, rate, 1000 * channels);
        var audio = new WavAudio(samples, rate, channels);

        using var stream = new MemoryStream();
        audio.Write(stream);
        stream.Position = 0;
        WavAudio back = WavAudio.Read(stream);

        Assert.Equal(rate, back.SampleRate);
        Assert.Equal(channels, back.Channels);
        Assert.Equal(samples, back.Samples);
        Assert.Equal(1000, back.FrameCount);
    }

    [Fact]
    public void Skips_other_chunks_with_their_pad_byte_and_reads_extensible_pcm()
    {
        var file = new List<byte>();
        file.AddRange("RIFF"u8.ToArray());
        file.AddRange(new byte[4]);
        file.AddRange("WAVE"u8.ToArray());
        // An odd-sized LIST chunk before fmt: 3 bytes + 1 pad byte.
        file.AddRange("LIST"u8.ToArray());
        file.AddRange(BitConverter.GetBytes(3u));
        file.AddRange(new byte[] { 9, 9, 9, 0 });
        // WAVE_FORMAT_EXTENSIBLE, 40 bytes, sub-format PCM.
        var fmt = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), 24000);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), 96000);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), 4);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), 1);
        file.AddRange("fmt "u8.ToArray());
        file.AddRange(BitConverter.GetBytes(40u));
        file.AddRange(fmt);
        file.AddRange("data"u8.ToArray());
        file.AddRange(BitConverter.GetBytes(8u));
        file.AddRange(new byte[] { 1, 0, 2, 0, 3, 0, 4, 0 });

        WavAudio audio = WavAudio.Read(file.ToArray());
        Assert.Equal(2, audio.Channels);
        Assert.Equal(24000, audio.SampleRate);
        Assert.Equal(new short[] { 1, 2, 3, 4 }, audio.Samples);
        Assert.Equal(new short[] { 1, 3 }, audio.ToMono().Samples);
    }

    public static TheoryData<string, string> DamagedFiles() => new()
    {
        { "not-riff", "RIFF" },
        { "eight-bit", "16-bit" },
        { "three-channels", "channel" },
        { "float", "encoding 3" },
        { "block-align", "block align" },
        { "byte-rate", "byte rate" },
        { "truncated-data", "truncated" },
        { "data-before-fmt", "before the fmt" },
        { "no-data", "no data chunk" },
        { "torn-frame", "whole number" },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void Damaged_headers_are_rejected_with_a_reason(string damage, string reason)
    {
        byte[] file = new WavAudio(Signals.Sine(440, 16000, 100, amplitude: 1000, phase: 0), 16000, 1).ToArray();
        switch (damage)
        {
            case "not-riff": file[0] = (byte)'X'; break;
            case "eight-bit": BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(34), 8); break;
            case "three-channels": BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(22), 3); break;
            case "float": BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(20), 3); break;
            case "block-align": BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(32), 4); break;
            case "byte-rate": BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(28), 1234); break;
            case "truncated-data": file = file.AsSpan(0, file.Length - 10).ToArray(); break;
            case "data-before-fmt": "data"u8.CopyTo(file.AsSpan(12)); break;
            case "no-data": "junk"u8.CopyTo(file.AsSpan(36)); break;
            case "torn-frame": BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), 199); file = [.. file, 0]; break;
        }

        WavFormatException error = Assert.Throws<WavFormatException>(() => WavAudio.Read(file));
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void File_round_trip_and_pcm16_view()
    {
        string path = Path.Combine(Path.GetTempPath(), $"live-audio-{Guid.NewGuid():N}.wav");
        try
        {
            var audio = new WavAudio([100, -100, 32767], 16000);
            audio.WriteFile(path);
            WavAudio back = WavAudio.ReadFile(path);
            Assert.Equal(audio.Samples, back.Samples);
            Assert.Equal(new byte[] { 100, 0, 0x9C, 0xFF, 0xFF, 0x7F }, back.ToPcm16());
            Assert.Equal("WavAudio (16000 Hz, mono, 0 s)", back.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Invalid_construction_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavAudio([1, 2, 3], 16000, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavAudio([1], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavAudio([1], 16000, 3));
        Assert.Throws<InvalidOperationException>(() => new WavAudio([1, 2], 16000, 2).ToPcm16());
    }
}
