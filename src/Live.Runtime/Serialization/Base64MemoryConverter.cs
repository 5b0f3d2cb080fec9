using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live.Serialization;

/// <summary>
/// Reads and writes <see cref="ReadOnlyMemory{T}"/> of bytes as a base64 JSON string: written standard and padded,
/// read in the standard or URL-safe alphabet with or without padding.
/// </summary>
internal sealed class Base64MemoryConverter : JsonConverter<ReadOnlyMemory<byte>>
{
    public override ReadOnlyMemory<byte> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected base64 data as a JSON string, got {reader.TokenType}.");
        }

        byte[] decoded;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            if (!Base64Wire.TryDecode(reader.ValueSpan, out decoded))
            {
                throw new JsonException("The data is not valid base64.");
            }

            return decoded;
        }

        int maxLength = checked((int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length));
        byte[] rented = ArrayPool<byte>.Shared.Rent(maxLength);
        try
        {
            int length = reader.CopyString(rented);
            if (!Base64Wire.TryDecode(rented.AsSpan(0, length), out decoded))
            {
                throw new JsonException("The data is not valid base64.");
            }

            return decoded;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(value.Span);
}
