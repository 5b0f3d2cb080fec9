using System.Text.Json;

namespace Live.Runtime.Tests;

public class AbstractionsSerializationTests
{
    [Fact]
    public void Unknown_enum_wire_value_reads_as_unspecified()
    {
        var reader = new Utf8JsonReader("\"SOMETHING_NEW\""u8);
        reader.Read();
        SchemaType value = new SchemaTypeConverter().Read(ref reader, typeof(SchemaType), new JsonSerializerOptions());
        Assert.Equal(SchemaType.Unspecified, value);
    }
}
