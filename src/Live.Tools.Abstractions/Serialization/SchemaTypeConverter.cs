using Live.Serialization;

namespace Live;

/// <summary>Wire converter for <see cref="SchemaType"/>.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class SchemaTypeConverter : WireEnumConverter<SchemaType>
{
    /// <summary>Creates the converter.</summary>
    public SchemaTypeConverter()
        : base(
            (SchemaType.Unspecified, "TYPE_UNSPECIFIED"),
            (SchemaType.String, "STRING"),
            (SchemaType.Number, "NUMBER"),
            (SchemaType.Integer, "INTEGER"),
            (SchemaType.Boolean, "BOOLEAN"),
            (SchemaType.Array, "ARRAY"),
            (SchemaType.Object, "OBJECT"),
            (SchemaType.Null, "NULL"))
    {
    }
}
