// This file is also compiled into Live.Tools.Generator (linked), so the generator names the members instead of
// re-reading their numbers; keep it free of anything netstandard2.0 without System.Text.Json lacks.
#if LIVE_TOOLS_GENERATOR
namespace Live.Tools.Generator.Model;
#else
using System.Text.Json.Serialization;

namespace Live;
#endif

/// <summary>The data type of a <c>Schema</c> (the seed's <c>Type</c>; renamed so it never collides with <see cref="System.Type"/>).</summary>
#if LIVE_TOOLS_GENERATOR
internal
#else
[JsonConverter(typeof(SchemaTypeConverter))]
public
#endif
enum SchemaType
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
