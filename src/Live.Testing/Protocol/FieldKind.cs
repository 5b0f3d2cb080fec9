namespace Live.Testing;

/// <summary>The proto3 JSON kind of a field the emulator validates.</summary>
internal enum FieldKind
{
    /// <summary>A string.</summary>
    String,

    /// <summary>A float or double: a JSON number or a numeric string.</summary>
    Float,

    /// <summary>A 32-bit integer: an integral JSON number or string within range.</summary>
    Int32,

    /// <summary>A 64-bit integer: an integral JSON number or (as proto3 JSON writes it) a string.</summary>
    Int64,

    /// <summary>A JSON boolean.</summary>
    Bool,

    /// <summary>An enum: one of the value names, or its number.</summary>
    Enum,

    /// <summary>Bytes: a base64 string (standard or URL-safe alphabet, padding optional).</summary>
    Bytes,

    /// <summary>A message with known fields.</summary>
    Message,

    /// <summary>A map from string keys to values of <see cref="FieldSpec.MapValue"/>.</summary>
    Map,

    /// <summary>A <c>google.protobuf.Struct</c>: any JSON object.</summary>
    Struct,

    /// <summary>A <c>google.protobuf.Value</c>: any JSON value.</summary>
    Value,
}
