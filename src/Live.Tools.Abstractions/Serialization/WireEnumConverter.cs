using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live.Serialization;

/// <summary>
/// Reads and writes an enum as the upper-case proto name the Live API uses on the wire
/// (for example <c>"NON_BLOCKING"</c>), without reflection. Unknown names read as the enum's
/// zero value (its <c>…_UNSPECIFIED</c> member), so a newer service never breaks an older client.
/// </summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class WireEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private readonly TEnum[] _values;
    private readonly JsonEncodedText[] _names;

    /// <summary>Creates the converter from the enum's values and their wire names.</summary>
    /// <param name="map">Each enum value with the exact string the wire carries for it.</param>
    protected WireEnumConverter(params (TEnum Value, string Name)[] map)
    {
        if (map is null)
        {
            throw new ArgumentNullException(nameof(map));
        }

        _values = new TEnum[map.Length];
        _names = new JsonEncodedText[map.Length];
        for (int i = 0; i < map.Length; i++)
        {
            _values[i] = map[i].Value;
            _names[i] = JsonEncodedText.Encode(map[i].Name);
        }
    }

    /// <summary>Returns the wire name of <paramref name="value"/>, or <see langword="null"/> when it has none.</summary>
    /// <param name="value">The enum value.</param>
    public string? GetWireName(TEnum value)
    {
        for (int i = 0; i < _values.Length; i++)
        {
            if (EqualityComparer<TEnum>.Default.Equals(_values[i], value))
            {
                return _names[i].Value;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(TEnum).Name}, got {reader.TokenType}.");
        }

        for (int i = 0; i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i].EncodedUtf8Bytes))
            {
                return _values[i];
            }
        }

        return default;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        for (int i = 0; i < _values.Length; i++)
        {
            if (EqualityComparer<TEnum>.Default.Equals(_values[i], value))
            {
                writer.WriteStringValue(_names[i]);
                return;
            }
        }

        throw new JsonException($"{typeof(TEnum).Name} has no wire name for the value {value}.");
    }
}
