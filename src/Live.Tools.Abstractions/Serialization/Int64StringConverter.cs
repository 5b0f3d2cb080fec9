using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live.Serialization;

/// <summary>
/// Writes a proto3 <c>int64</c> as a JSON string (<c>"25600"</c>), as the Live API expects, and reads
/// it from a string or a number.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Int64StringConverter : JsonConverter<long?>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetInt64();
            case JsonTokenType.String:
                ReadOnlySpan<byte> span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                if (Utf8Parser.TryParse(span, out long value, out int consumed) && consumed == span.Length)
                {
                    return value;
                }

                throw new JsonException("Expected an int64 written as a decimal string.");
            default:
                throw new JsonException($"Expected an int64 as a string or number, got {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        Span<byte> buffer = stackalloc byte[20];
        Utf8Formatter.TryFormat(value.Value, buffer, out int written);
        writer.WriteStringValue(buffer.Slice(0, written));
    }
}
