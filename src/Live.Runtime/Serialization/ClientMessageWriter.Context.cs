using System.Buffers.Text;
using System.Text.Json;

namespace Live.Serialization;

internal static partial class ClientMessageWriter
{
    /// <summary>The writer, the options and the depth limit, passed down the message (a struct: nothing allocated).</summary>
    private readonly struct Context
    {
        public Context(Utf8JsonWriter writer, JsonSerializerOptions options)
        {
            Writer = writer;
            Options = options;
            MaxDepth = options.MaxDepth == 0 ? LiveJsonContext.DefaultMaxDepth : options.MaxDepth;
        }

        public Utf8JsonWriter Writer { get; }

        public JsonSerializerOptions Options { get; }

        public int MaxDepth { get; }

        /// <summary>
        /// Refuses a value when the writer is already <see cref="MaxDepth"/> containers deep, as the serializer does
        /// before every value it writes (the check that also ends a cycle).
        /// </summary>
        public void Guard()
        {
            if (Writer.CurrentDepth >= MaxDepth)
            {
                throw new JsonException(
                    $"A possible object cycle was detected. This can either be due to a cycle or if the object depth is larger than the maximum allowed depth of {MaxDepth}. Consider using ReferenceHandler.Preserve on JsonSerializerOptions to support cycles.");
            }
        }

        public void String(ReadOnlySpan<byte> name, string value)
        {
            Guard();
            Writer.WriteString(name, value);
        }

        public void Boolean(ReadOnlySpan<byte> name, bool value)
        {
            Guard();
            Writer.WriteBoolean(name, value);
        }

        public void Int32(ReadOnlySpan<byte> name, int value)
        {
            Guard();
            Writer.WriteNumber(name, value);
        }

        public void Double(ReadOnlySpan<byte> name, double value)
        {
            Guard();
            Writer.WriteNumber(name, value);
        }

        /// <summary>An int64 as a decimal string, as <see cref="Int64StringConverter"/> writes it.</summary>
        public void Int64String(ReadOnlySpan<byte> name, long value)
        {
            Guard();
            Span<byte> buffer = stackalloc byte[20];
            Utf8Formatter.TryFormat(value, buffer, out int written);
            Writer.WriteString(name, buffer.Slice(0, written));
        }

        /// <summary>A JSON element as the serializer's element converter writes it.</summary>
        public void Element(ReadOnlySpan<byte> name, JsonElement value)
        {
            Writer.WritePropertyName(name);
            Guard();
            value.WriteTo(Writer);
        }

        /// <summary>A list of strings; a null item is written as null.</summary>
        public void Strings(ReadOnlySpan<byte> name, IList<string> values)
        {
            Guard();
            Writer.WriteStartArray(name);
            foreach (string? value in values)
            {
                Guard();
                if (value is null)
                {
                    Writer.WriteNullValue();
                }
                else
                {
                    Writer.WriteStringValue(value);
                }
            }

            Writer.WriteEndArray();
        }

        /// <summary>
        /// <c>[JsonExtensionData]</c>: each member after the declared properties, its name as given, its value as the
        /// element converter writes it; nothing for a null dictionary.
        /// </summary>
        public void ExtensionData(IDictionary<string, JsonElement>? properties)
        {
            if (properties is null)
            {
                return;
            }

            Guard();
            foreach (KeyValuePair<string, JsonElement> property in properties)
            {
                Writer.WritePropertyName(property.Key);
                Guard();
                property.Value.WriteTo(Writer);
            }
        }
    }
}
