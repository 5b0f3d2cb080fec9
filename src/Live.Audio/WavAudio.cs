using System.Buffers.Binary;
using System.Globalization;

namespace Live.Audio;

/// <summary>
/// PCM16 audio in a WAV (RIFF/WAVE) file: reads and writes mono or stereo 16-bit PCM, the format of microphone
/// recordings, test fixtures and Chromium's fake audio capture.
/// </summary>
/// <remarks>
/// Reading validates the header and throws a <see cref="WavFormatException"/> that names the problem: RIFF/WAVE
/// identifiers, a <c>fmt </c> chunk before <c>data</c>, format 1 (PCM) or <c>WAVE_FORMAT_EXTENSIBLE</c> with the PCM
/// sub-format, 16 bits, 1 or 2 channels, consistent block align and byte rate, a data chunk within the file. Other
/// chunks (<c>LIST</c>, <c>fact</c>, …) are skipped, with their pad byte. A RIFF size larger than the file (as written
/// by streaming recorders) is accepted; a data chunk larger than the file is not.
/// </remarks>
public sealed class WavAudio
{
    private const int FormatPcm = 1;
    private const int FormatExtensible = 0xFFFE;

    /// <summary>Creates audio from interleaved samples.</summary>
    /// <param name="samples">The samples, interleaved when stereo (left, right, left, …); not copied.</param>
    /// <param name="sampleRate">The sample rate in Hz.</param>
    /// <param name="channels">1 (mono) or 2 (stereo).</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate that is not positive, channels other than 1 or 2, or a sample count that is not a multiple of the channels.</exception>
    public WavAudio(short[] samples, int sampleRate, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (sampleRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be positive.");
        }

        if (channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Only mono and stereo are supported.");
        }

        if (samples.Length % channels != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples.Length, "Stereo audio needs an even number of interleaved samples.");
        }

        Samples = samples;
        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>The samples, interleaved when stereo.</summary>
    public short[] Samples { get; }

    /// <summary>The sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>The number of channels: 1 or 2.</summary>
    public int Channels { get; }

    /// <summary>The bits per sample: always 16.</summary>
    public int BitsPerSample => 16;

    /// <summary>The number of frames (samples per channel).</summary>
    public int FrameCount => Samples.Length / Channels;

    /// <summary>The duration.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(FrameCount / (double)SampleRate);

    /// <summary>Reads a WAV file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The audio.</returns>
    /// <exception cref="WavFormatException">The file is not PCM16 WAV, or is damaged.</exception>
    public static WavAudio ReadFile(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Reads WAV data from a stream (to its end).</summary>
    /// <param name="stream">The stream.</param>
    /// <returns>The audio.</returns>
    /// <exception cref="WavFormatException">The data is not PCM16 WAV, or is damaged.</exception>
    public static WavAudio Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads WAV data.</summary>
    /// <param name="data">The bytes of the file.</param>
    /// <returns>The audio.</returns>
    /// <exception cref="WavFormatException">The data is not PCM16 WAV, or is damaged.</exception>
    public static WavAudio Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || !data.Slice(0, 4).SequenceEqual("RIFF"u8) || !data.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("Not a WAV file: it does not start with RIFF….WAVE.");
        }

        int position = 12;
        int channels = 0;
        int sampleRate = 0;
        bool haveFormat = false;
        while (position + 8 <= data.Length)
        {
            ReadOnlySpan<byte> id = data.Slice(position, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(position + 4, 4));
            int body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + (long)size > data.Length)
                {
                    throw new WavFormatException($"The fmt chunk is {size} bytes; it needs at least 16 within the file.");
                }

                (channels, sampleRate) = ParseFormat(data.Slice(body, (int)size));
                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    throw new WavFormatException("The data chunk comes before the fmt chunk.");
                }

                if (body + (long)size > data.Length)
                {
                    throw new WavFormatException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"The data chunk declares {size} bytes but the file holds only {data.Length - body} after its header (truncated)."));
                }

                int blockAlign = channels * 2;
                if (size % blockAlign != 0)
                {
                    throw new WavFormatException($"The data chunk's {size} bytes are not a whole number of {blockAlign}-byte frames.");
                }

                short[] samples = Pcm16.ToSamples(data.Slice(body, (int)size));
                return new WavAudio(samples, sampleRate, channels);
            }

            // Skip the chunk and its pad byte (chunks are word-aligned).
            long next = body + (long)size + (size & 1);
            if (next > data.Length)
            {
                break;
            }

            position = (int)next;
        }

        throw new WavFormatException(haveFormat ? "The WAV file has no data chunk." : "The WAV file has no fmt chunk.");
    }

    /// <summary>Writes the audio as a canonical 44-byte-header WAV file.</summary>
    /// <param name="path">The file (replaced).</param>
    public void WriteFile(string path) => File.WriteAllBytes(path, ToArray());

    /// <summary>Writes the audio as WAV to a stream.</summary>
    /// <param name="stream">The stream.</param>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToArray());
    }

    /// <summary>The audio as the bytes of a canonical WAV file (44-byte header, then PCM16 little-endian).</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray()
    {
        int dataBytes = Samples.Length * 2;
        var file = new byte[44 + dataBytes];
        Span<byte> span = file;
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(4), (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(span.Slice(8));
        "fmt "u8.CopyTo(span.Slice(12));
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(20), FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(22), (ushort)Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(24), (uint)SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(28), (uint)(SampleRate * Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(32), (ushort)(Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(34), 16);
        "data"u8.CopyTo(span.Slice(36));
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(40), (uint)dataBytes);
        Pcm16.ToBytes(Samples, span.Slice(44));
        return file;
    }

    /// <summary>The audio as mono: the channels averaged when stereo, itself when mono.</summary>
    /// <returns>Mono audio.</returns>
    public WavAudio ToMono()
    {
        if (Channels == 1)
        {
            return this;
        }

        var mono = new short[FrameCount];
        for (int i = 0; i < mono.Length; i++)
        {
            mono[i] = (short)((Samples[2 * i] + Samples[(2 * i) + 1]) >> 1);
        }

        return new WavAudio(mono, SampleRate, 1);
    }

    /// <summary>The mono samples as little-endian PCM16 bytes (what the Live API takes).</summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="InvalidOperationException">The audio is stereo (call <see cref="ToMono"/> first).</exception>
    public byte[] ToPcm16() =>
        Channels == 1 ? Pcm16.ToBytes(Samples) : throw new InvalidOperationException("The audio is stereo; call ToMono() first.");

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"WavAudio ({SampleRate} Hz, {(Channels == 1 ? "mono" : "stereo")}, {Duration.TotalSeconds:0.###} s)");

    private static (int Channels, int SampleRate) ParseFormat(ReadOnlySpan<byte> fmt)
    {
        int format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(2));
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt.Slice(4));
        uint byteRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt.Slice(8));
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(12));
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(14));

        if (format == FormatExtensible)
        {
            // WAVEFORMATEXTENSIBLE: cbSize ≥ 22, then valid bits, channel mask and the sub-format GUID, whose first two bytes are the format tag.
            if (fmt.Length < 40)
            {
                throw new WavFormatException("A WAVE_FORMAT_EXTENSIBLE fmt chunk needs 40 bytes.");
            }

            format = BinaryPrimitives.ReadUInt16LittleEndian(fmt.Slice(24));
        }

        if (format != FormatPcm)
        {
            throw new WavFormatException($"Unsupported WAV encoding {format} (only PCM, format 1, is read).");
        }

        if (bits != 16)
        {
            throw new WavFormatException($"Unsupported sample size: {bits} bits (only 16-bit PCM is read).");
        }

        if (channels is not (1 or 2))
        {
            throw new WavFormatException($"Unsupported channel count: {channels} (mono or stereo).");
        }

        if (sampleRate == 0 || sampleRate > 1_000_000)
        {
            throw new WavFormatException($"Invalid sample rate: {sampleRate} Hz.");
        }

        if (blockAlign != channels * 2)
        {
            throw new WavFormatException($"Inconsistent block align {blockAlign} for {channels} channel(s) of 16 bits (expected {channels * 2}).");
        }

        if (byteRate != sampleRate * (uint)blockAlign)
        {
            throw new WavFormatException($"Inconsistent byte rate {byteRate} (expected {sampleRate * (uint)blockAlign} for {sampleRate} Hz × {blockAlign} bytes).");
        }

        return (channels, (int)sampleRate);
    }
}
