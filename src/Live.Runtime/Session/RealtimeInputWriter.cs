using System.Text.Json;

namespace Live.Session;

/// <summary>
/// Writes <c>realtimeInput</c> frames by hand: the hot path for audio, where the bytes are base64-encoded straight
/// into the reused frame buffer, never through a string.
/// </summary>
internal static class RealtimeInputWriter
{
    public static void WriteMedia(Utf8JsonWriter writer, (ReadOnlyMemory<byte> Data, string MimeType, bool Video) media)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("realtimeInput"u8);
        writer.WritePropertyName(media.Video ? "video"u8 : "audio"u8);
        WriteBlob(writer, media.Data, media.MimeType);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteMediaChunks(Utf8JsonWriter writer, IReadOnlyList<Blob> chunks)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("realtimeInput"u8);
        writer.WriteStartArray("mediaChunks"u8);
        foreach (Blob chunk in chunks)
        {
            WriteBlob(writer, chunk.Data, chunk.MimeType);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, LiveSendRealtimeInputParameters input)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("realtimeInput"u8);
        if (input.Media is { } media)
        {
            writer.WriteStartArray("mediaChunks"u8);
            WriteBlob(writer, media.Data, media.MimeType);
            writer.WriteEndArray();
        }

        if (input.Audio is { } audio)
        {
            writer.WritePropertyName("audio"u8);
            WriteBlob(writer, audio.Data, audio.MimeType);
        }

        if (input.Video is { } video)
        {
            writer.WritePropertyName("video"u8);
            WriteBlob(writer, video.Data, video.MimeType);
        }

        if (input.Text is { } text)
        {
            writer.WriteString("text"u8, text);
        }

        if (input.ActivityStart is not null)
        {
            writer.WriteStartObject("activityStart"u8);
            writer.WriteEndObject();
        }

        if (input.ActivityEnd is not null)
        {
            writer.WriteStartObject("activityEnd"u8);
            writer.WriteEndObject();
        }

        if (input.AudioStreamEnd is { } audioStreamEnd)
        {
            writer.WriteBoolean("audioStreamEnd"u8, audioStreamEnd);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteBlob(Utf8JsonWriter writer, ReadOnlyMemory<byte> data, string? mimeType)
    {
        writer.WriteStartObject();
        writer.WriteBase64String("data"u8, data.Span);
        if (mimeType is not null)
        {
            writer.WriteString("mimeType"u8, mimeType);
        }

        writer.WriteEndObject();
    }
}
