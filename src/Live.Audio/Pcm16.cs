using System.Buffers.Binary;

namespace Live.Audio;

/// <summary>
/// Conversions between 16-bit little-endian PCM bytes (what the Live API sends and expects:
/// <c>audio/pcm;rate=16000</c> in, 24 kHz out) and <see cref="short"/> samples.
/// </summary>
public static class Pcm16
{
    /// <summary>The number of samples in PCM16 bytes.</summary>
    /// <param name="pcm16">The bytes.</param>
    /// <returns>Half their length.</returns>
    /// <exception cref="ArgumentException">An odd number of bytes (a torn sample).</exception>
    public static int SampleCount(ReadOnlySpan<byte> pcm16) =>
        (pcm16.Length & 1) == 0
            ? pcm16.Length / 2
            : throw new ArgumentException($"PCM16 audio has an even number of bytes; got {pcm16.Length}.", nameof(pcm16));

    /// <summary>Reads little-endian PCM16 bytes into samples.</summary>
    /// <param name="pcm16">The bytes; an even number.</param>
    /// <param name="destination">Receives the samples.</param>
    /// <returns>The number of samples written.</returns>
    /// <exception cref="ArgumentException">An odd number of bytes, or the destination is too short.</exception>
    public static int ToSamples(ReadOnlySpan<byte> pcm16, Span<short> destination)
    {
        int count = SampleCount(pcm16);
        if (destination.Length < count)
        {
            throw new ArgumentException("The destination is shorter than the number of samples.", nameof(destination));
        }

        for (int i = 0; i < count; i++)
        {
            destination[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm16.Slice(2 * i, 2));
        }

        return count;
    }

    /// <summary>Reads little-endian PCM16 bytes into a new sample array.</summary>
    /// <param name="pcm16">The bytes; an even number.</param>
    /// <returns>The samples.</returns>
    /// <exception cref="ArgumentException">An odd number of bytes.</exception>
    public static short[] ToSamples(ReadOnlySpan<byte> pcm16)
    {
        var samples = new short[SampleCount(pcm16)];
        ToSamples(pcm16, samples);
        return samples;
    }

    /// <summary>Writes samples as little-endian PCM16 bytes.</summary>
    /// <param name="samples">The samples.</param>
    /// <param name="destination">Receives two bytes per sample.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public static int ToBytes(ReadOnlySpan<short> samples, Span<byte> destination)
    {
        if (destination.Length < samples.Length * 2)
        {
            throw new ArgumentException("The destination needs two bytes per sample.", nameof(destination));
        }

        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(destination.Slice(2 * i, 2), samples[i]);
        }

        return samples.Length * 2;
    }

    /// <summary>Writes samples as a new array of little-endian PCM16 bytes.</summary>
    /// <param name="samples">The samples.</param>
    /// <returns>The bytes.</returns>
    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        ToBytes(samples, bytes);
        return bytes;
    }
}
