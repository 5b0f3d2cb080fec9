using System.Text.Json;

namespace Live.Serialization;

internal static partial class ClientMessageWriter
{
    private static void WriteTools(Context w, IList<Tool> tools)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartArray();
        foreach (Tool? tool in tools)
        {
            WriteTool(w, tool);
        }

        writer.WriteEndArray();
    }

    private static void WriteTool(Context w, Tool? tool)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        if (tool is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        if (tool.FunctionDeclarations is { } declarations)
        {
            w.Guard();
            writer.WriteStartArray("functionDeclarations"u8);
            foreach (FunctionDeclaration? declaration in declarations)
            {
                WriteFunctionDeclaration(w, declaration);
            }

            writer.WriteEndArray();
        }

        if (tool.GoogleSearch is not null)
        {
            w.Guard();
            writer.WriteStartObject("googleSearch"u8);
            writer.WriteEndObject();
        }

        if (tool.CodeExecution is not null)
        {
            w.Guard();
            writer.WriteStartObject("codeExecution"u8);
            writer.WriteEndObject();
        }

        if (tool.UrlContext is not null)
        {
            w.Guard();
            writer.WriteStartObject("urlContext"u8);
            writer.WriteEndObject();
        }

        w.ExtensionData(tool.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static void WriteFunctionDeclaration(Context w, FunctionDeclaration? declaration)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        if (declaration is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        if (declaration.Name is { } name)
        {
            w.String("name"u8, name);
        }

        if (declaration.Description is { } description)
        {
            w.String("description"u8, description);
        }

        if (declaration.Parameters is { } parameters)
        {
            writer.WritePropertyName("parameters"u8);
            WriteSchema(w, parameters);
        }

        if (declaration.ParametersJsonSchema is { } parametersJsonSchema)
        {
            w.Element("parametersJsonSchema"u8, parametersJsonSchema);
        }

        if (declaration.Response is { } response)
        {
            writer.WritePropertyName("response"u8);
            WriteSchema(w, response);
        }

        if (declaration.ResponseJsonSchema is { } responseJsonSchema)
        {
            w.Element("responseJsonSchema"u8, responseJsonSchema);
        }

        if (declaration.Behavior is { } behavior)
        {
            writer.WritePropertyName("behavior"u8);
            w.Guard();
            writer.WriteStringValue(WireNames.Of(behavior));
        }

        writer.WriteEndObject();
    }

    private static void WriteSchemas(Context w, IList<Schema> schemas)
    {
        w.Guard();
        w.Writer.WriteStartArray();
        foreach (Schema? schema in schemas)
        {
            WriteSchema(w, schema);
        }

        w.Writer.WriteEndArray();
    }

    private static void WriteSchema(Context w, Schema? schema)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        if (schema is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        if (schema.Type is { } type)
        {
            writer.WritePropertyName("type"u8);
            w.Guard();
            writer.WriteStringValue(WireNames.Of(type));
        }

        if (schema.Format is { } format)
        {
            w.String("format"u8, format);
        }

        if (schema.Title is { } title)
        {
            w.String("title"u8, title);
        }

        if (schema.Description is { } description)
        {
            w.String("description"u8, description);
        }

        if (schema.Nullable is { } nullable)
        {
            w.Boolean("nullable"u8, nullable);
        }

        if (schema.Enum is { } values)
        {
            w.Strings("enum"u8, values);
        }

        if (schema.Items is { } items)
        {
            writer.WritePropertyName("items"u8);
            WriteSchema(w, items);
        }

        if (schema.Properties is { } properties)
        {
            w.Guard();
            writer.WriteStartObject("properties"u8);
            foreach (KeyValuePair<string, Schema> property in properties)
            {
                writer.WritePropertyName(property.Key);
                WriteSchema(w, property.Value);
            }

            writer.WriteEndObject();
        }

        if (schema.Required is { } required)
        {
            w.Strings("required"u8, required);
        }

        if (schema.PropertyOrdering is { } propertyOrdering)
        {
            w.Strings("propertyOrdering"u8, propertyOrdering);
        }

        if (schema.AnyOf is { } anyOf)
        {
            writer.WritePropertyName("anyOf"u8);
            WriteSchemas(w, anyOf);
        }

        if (schema.Minimum is { } minimum)
        {
            w.Double("minimum"u8, minimum);
        }

        if (schema.Maximum is { } maximum)
        {
            w.Double("maximum"u8, maximum);
        }

        if (schema.MinItems is { } minItems)
        {
            w.Int64String("minItems"u8, minItems);
        }

        if (schema.MaxItems is { } maxItems)
        {
            w.Int64String("maxItems"u8, maxItems);
        }

        if (schema.MinLength is { } minLength)
        {
            w.Int64String("minLength"u8, minLength);
        }

        if (schema.MaxLength is { } maxLength)
        {
            w.Int64String("maxLength"u8, maxLength);
        }

        if (schema.MinProperties is { } minProperties)
        {
            w.Int64String("minProperties"u8, minProperties);
        }

        if (schema.MaxProperties is { } maxProperties)
        {
            w.Int64String("maxProperties"u8, maxProperties);
        }

        if (schema.Pattern is { } pattern)
        {
            w.String("pattern"u8, pattern);
        }

        if (schema.Default is { } defaultValue)
        {
            w.Element("default"u8, defaultValue);
        }

        if (schema.Example is { } example)
        {
            w.Element("example"u8, example);
        }

        writer.WriteEndObject();
    }
}
