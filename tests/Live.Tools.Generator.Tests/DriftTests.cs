using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Live.Tools.Generator.Emitting;
using Live.Tools.Generator.Model;

namespace Live.Tools.Generator.Tests;

/// <summary>
/// The places where the generator and the runtime must agree without a compiler to check them: these fail when one side
/// changes and the other does not.
/// </summary>
public class DriftTests
{
    /// <summary>Schema members the generator never emits (nothing a C# type maps to), so a new one forces a decision.</summary>
    private static readonly string[] SchemaMembersNotGenerated = ["Title", "AnyOf", "MinProperties", "MaxProperties", "Default", "Example"];

    [Fact]
    public void Every_reader_the_emitter_names_exists_on_LiveToolArgs()
    {
        foreach (ValueKind kind in Enum.GetValues<ValueKind>())
        {
            string? name = Emitter.SimpleReader(kind);

            // These are read by a helper the generated file defines (bytes: a base64 string, through JsonElement.TryGetBytesFromBase64).
            if (kind is ValueKind.Enum or ValueKind.Collection or ValueKind.Dictionary or ValueKind.Object or ValueKind.Bytes)
            {
                Assert.Null(name);
                continue;
            }

            Assert.NotNull(name);
            MethodInfo? method = typeof(Live.Tools.LiveToolArgs).GetMethod(name, BindingFlags.Public | BindingFlags.Static);
            Assert.True(method is not null && method.ReturnType == typeof(bool), $"LiveToolArgs.{name} (for {kind}) is missing.");
        }
    }

    [Fact]
    public void SchemaSpec_and_Schema_have_the_same_members_but_the_ones_never_generated()
    {
        string[] spec = typeof(SchemaSpec).GetConstructors().Single().GetParameters().Select(p => p.Name!).Order().ToArray();
        string[] schema = typeof(Live.Schema).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.Name).Except(SchemaMembersNotGenerated).Order().ToArray();
        Assert.Equal(schema, spec);
    }

    [Fact]
    public void GeminiSchema_reads_every_Schema_member()
    {
        string json = """
            {"type": "object", "format": "f", "title": "t", "description": "d", "nullable": true, "enum": ["a"],
             "items": {"type": "string"}, "properties": {"p": {"type": "integer"}}, "required": ["p"], "propertyOrdering": ["p"],
             "minimum": 1, "maximum": 2, "minItems": 1, "maxItems": 2, "minLength": 1, "maxLength": 2,
             "minProperties": 1, "maxProperties": 2, "pattern": "x", "default": 1, "example": 2}
            """;
        Live.Schema schema = Live.GeminiSchema.FromJsonSchema(JsonDocument.Parse(json).RootElement);
        Live.Schema anyOf = Live.GeminiSchema.FromJsonSchema(JsonDocument.Parse("""{"anyOf": [{"type": "string"}, {"type": "integer"}]}""").RootElement);
        foreach (PropertyInfo property in typeof(Live.Schema).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object? value = property.GetValue(property.Name == "AnyOf" ? anyOf : schema);
            Assert.True(value is not null, $"GeminiSchema.FromJsonSchema does not read Schema.{property.Name}.");
        }
    }

    [Fact]
    public void SchemaType_wire_names_read_back_through_GeminiSchema_and_match_the_generator_copy()
    {
        foreach (Live.SchemaType type in Enum.GetValues<Live.SchemaType>())
        {
            string wire = JsonSerializer.Serialize(type).Trim('"');
            Live.Schema schema = Live.GeminiSchema.FromJsonSchema(JsonDocument.Parse($$"""{"type": "{{wire}}"}""").RootElement);
            Assert.Equal(type, schema.Type);
        }

        // The generator compiles the same file (linked), so the member names are the same by construction.
        Assert.Equal(Enum.GetNames<Live.SchemaType>(), Enum.GetNames<Live.Tools.Generator.Model.SchemaType>());
        Assert.Equal(Enum.GetNames<Live.Behavior>(), Enum.GetNames<Live.Tools.Generator.Model.Behavior>());
        Assert.Equal(Enum.GetNames<Live.FunctionResponseScheduling>(), Enum.GetNames<Live.Tools.Generator.Model.FunctionResponseScheduling>());
    }

    [Fact]
    public void Literals_are_culture_invariant_and_round_trip()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("0.1d", Literals.Double(0.1));
            Assert.Equal("1.5f", Literals.Single(1.5f));
            Assert.Equal("2.25m", Literals.Decimal(2.25m));
            Assert.Equal("-3L", Literals.Int64(-3));
            Assert.Equal("double.NegativeInfinity", Literals.Double(double.NegativeInfinity));
            Assert.Equal("\"a\\\"b\"u8", Literals.Utf8("a\"b"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
