namespace Live.Testing;

/// <summary>One field of a <see cref="MessageSpec"/>: its lowerCamelCase JSON name, snake_case proto name and kind.</summary>
internal sealed class FieldSpec
{
    private FieldSpec(string name, FieldKind kind)
    {
        Name = name;
        ProtoName = ProtocolNames.ToSnakeCase(name);
        Kind = kind;
    }

    /// <summary>The lowerCamelCase JSON name.</summary>
    public string Name { get; }

    /// <summary>The snake_case proto name, also accepted on the wire.</summary>
    public string ProtoName { get; }

    /// <summary>The value kind.</summary>
    public FieldKind Kind { get; }

    /// <summary>Whether the field is a list.</summary>
    public bool Repeated { get; private init; }

    /// <summary>The message type for <see cref="FieldKind.Message"/>.</summary>
    public MessageSpec? Message { get; private init; }

    /// <summary>The value field of a <see cref="FieldKind.Map"/> (its name is unused).</summary>
    public FieldSpec? MapValue { get; private init; }

    /// <summary>The allowed names of an <see cref="FieldKind.Enum"/>.</summary>
    public IReadOnlyList<string> EnumValues { get; private init; } = [];

    /// <summary>The proto type named in error reasons, for example <c>TYPE_STRING</c>.</summary>
    public string TypeName => Kind switch
    {
        FieldKind.String => "TYPE_STRING",
        FieldKind.Float => "TYPE_FLOAT",
        FieldKind.Int32 => "TYPE_INT32",
        FieldKind.Int64 => "TYPE_INT64",
        FieldKind.Bool => "TYPE_BOOL",
        FieldKind.Enum => "TYPE_ENUM",
        FieldKind.Bytes => "TYPE_BYTES",
        FieldKind.Message => Message!.Name,
        FieldKind.Map => "map",
        FieldKind.Struct => "google.protobuf.Struct",
        _ => "google.protobuf.Value",
    };

    public static FieldSpec Scalar(string name, FieldKind kind, bool repeated = false) => new(name, kind) { Repeated = repeated };

    public static FieldSpec Of(string name, MessageSpec message, bool repeated = false) =>
        new(name, FieldKind.Message) { Message = message, Repeated = repeated };

    public static FieldSpec Enum(string name, IReadOnlyList<string> values, bool repeated = false) =>
        new(name, FieldKind.Enum) { EnumValues = values, Repeated = repeated };

    public static FieldSpec MapOf(string name, FieldSpec value) => new(name, FieldKind.Map) { MapValue = value };
}
