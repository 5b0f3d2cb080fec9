using System.Buffers.Binary;

namespace Live.AspNetCore.Tests;

/// <summary>A minimal WAV writer for test inputs: a RIFF header and 16-bit PCM mono data, nothing else.</summary>
internal static class TestWav
{
    public static void Write(string path, ReadOnlySpan<byte> pcm16Mono, int sampleRate)
    {
        byte[] file = new byte[44 + pcm16Mono.Length];
        Span<byte> h = file;
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteInt32LittleEndian(h[4..], 36 + pcm16Mono.Length);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[16..], 16);          // fmt chunk size
        BinaryPrimitives.WriteInt16LittleEndian(h[20..], 1);           // PCM
        BinaryPrimitives.WriteInt16LittleEndian(h[22..], 1);           // mono
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], sampleRate * 2); // byte rate
        BinaryPrimitives.WriteInt16LittleEndian(h[32..], 2);           // block align
        BinaryPrimitives.WriteInt16LittleEndian(h[34..], 16);          // bits per sample
        "data"u8.CopyTo(h[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[40..], pcm16Mono.Length);
        pcm16Mono.CopyTo(h[44..]);
        File.WriteAllBytes(path, file);
    }
}
