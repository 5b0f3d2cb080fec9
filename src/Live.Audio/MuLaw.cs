namespace Live.Audio;

/// <summary>
/// The G.711 μ-law codec (ITU-T G.711, North American/Japanese telephony, Twilio Media Streams' <c>audio/x-mulaw</c>):
/// 16-bit linear PCM ↔ 8-bit logarithmic samples, one byte per sample at any rate (8 kHz on telephone lines).
/// </summary>
/// <remarks>
/// Encoding keeps the 14 most significant bits of a sample (clipped at ±32635, as G.711 specifies) on a
/// logarithmic scale: the error is below 1/32 of the sample's magnitude (about 30 dB SNR for speech). Decoding is a
/// table lookup. Every method is thread-safe and allocation-free.
/// </remarks>
public static class MuLaw
{
    private const int Bias = 0x84;
    private const int Clip = 32635;

    private static readonly short[] s_decodeTable = BuildDecodeTable();

    /// <summary>Encodes one 16-bit linear sample.</summary>
    /// <param name="sample">The sample.</param>
    /// <returns>The μ-law byte.</returns>
    public static byte EncodeSample(short sample)
    {
        int pcm = sample;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0)
        {
            pcm = -pcm;
        }

        if (pcm > Clip)
        {
            pcm = Clip;
        }

        pcm += Bias;
        int exponent = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Decodes one μ-law byte.</summary>
    /// <param name="value">The μ-law byte.</param>
    /// <returns>The 16-bit linear sample.</returns>
    public static short DecodeSample(byte value) => s_decodeTable[value];

    /// <summary>Encodes 16-bit samples.</summary>
    /// <param name="samples">The samples.</param>
    /// <param name="destination">Receives one byte per sample; at least as long as <paramref name="samples"/>.</param>
    /// <returns>The number of bytes written (the number of samples).</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Encode(ReadOnlySpan<short> samples, Span<byte> destination)
    {
        if (destination.Length < samples.Length)
        {
            throw new ArgumentException("The destination is shorter than the input.", nameof(destination));
        }

        for (int i = 0; i < samples.Length; i++)
        {
            destination[i] = EncodeSample(samples[i]);
        }

        return samples.Length;
    }

    /// <summary>Decodes μ-law bytes to 16-bit samples.</summary>
    /// <param name="source">The μ-law bytes.</param>
    /// <param name="destination">Receives one sample per byte; at least as long as <paramref name="source"/>.</param>
    /// <returns>The number of samples written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Decode(ReadOnlySpan<byte> source, Span<short> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the input.", nameof(destination));
        }

        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = s_decodeTable[source[i]];
        }

        return source.Length;
    }

    /// <summary>Encodes 16-bit little-endian PCM bytes (the Live API's format) to μ-law.</summary>
    /// <param name="pcm16">The PCM bytes; an even number.</param>
    /// <param name="destination">Receives one byte per sample (half the PCM length).</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">An odd PCM length, or the destination is too short.</exception>
    public static int EncodePcm16(ReadOnlySpan<byte> pcm16, Span<byte> destination)
    {
        int count = Pcm16.SampleCount(pcm16);
        if (destination.Length < count)
        {
            throw new ArgumentException("The destination is shorter than the number of samples.", nameof(destination));
        }

        for (int i = 0; i < count; i++)
        {
            destination[i] = EncodeSample((short)(pcm16[2 * i] | (pcm16[(2 * i) + 1] << 8)));
        }

        return count;
    }

    /// <summary>Decodes μ-law bytes to 16-bit little-endian PCM bytes.</summary>
    /// <param name="source">The μ-law bytes.</param>
    /// <param name="destination">Receives two bytes per sample.</param>
    /// <returns>The number of bytes written (twice the input length).</returns>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public static int DecodeToPcm16(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < source.Length * 2)
        {
            throw new ArgumentException("The destination needs two bytes per μ-law byte.", nameof(destination));
        }

        for (int i = 0; i < source.Length; i++)
        {
            short sample = s_decodeTable[source[i]];
            destination[2 * i] = (byte)sample;
            destination[(2 * i) + 1] = (byte)(sample >> 8);
        }

        return source.Length * 2;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int i = 0; i < 256; i++)
        {
            int value = ~i & 0xFF;
            int sign = value & 0x80;
            int exponent = (value >> 4) & 0x07;
            int mantissa = value & 0x0F;
            int magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
            table[i] = (short)(sign != 0 ? -magnitude : magnitude);
        }

        return table;
    }
}
