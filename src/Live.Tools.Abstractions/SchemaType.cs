using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>The data type of a <see cref="Schema"/> (the seed's <c>Type</c>; renamed so it never collides with <see cref="System.Type"/>).</summary>
[JsonConverter(typeof(SchemaTypeConverter))]
public enum SchemaType
{
    /// <summary>Not specified (<c>TYPE_UNSPECIFIED</c>); also what an unknown wire value reads as.</summary>
    Unspecified = 0,

    /// <summary><c>STRING</c>.</summary>
    String,

    /// <summary><c>NUMBER</c>.</summary>
    Number,

    /// <summary><c>INTEGER</c>.</summary>
    Integer,

    /// <summary><c>BOOLEAN</c>.</summary>
    Boolean,

    /// <summary><c>ARRAY</c>.</summary>
    Array,

    /// <summary><c>OBJECT</c>.</summary>
    Object,

    /// <summary><c>NULL</c>.</summary>
    Null,
}

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
