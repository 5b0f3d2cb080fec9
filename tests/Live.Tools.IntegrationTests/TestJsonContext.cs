using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Live.Tools.IntegrationTests;

/// <summary>Serializes declarations the way a client sends them (nulls omitted), without reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FunctionDeclaration))]
[JsonSerializable(typeof(Schema))]
[JsonSerializable(typeof(Tool))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
    public static JsonNode? ToNode(FunctionDeclaration declaration) =>
        System.Text.Json.JsonSerializer.SerializeToNode(declaration, Default.FunctionDeclaration);

    public static JsonNode? ToNode(Schema? schema) =>
        schema is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(schema, Default.Schema);

    public static Schema? Parameters(ILiveToolSet set, string name)
    {
        Assert.True(set.TryGetTool(name, out LiveToolInfo? info), "no tool " + name);
        return info.Declaration.Parameters;
    }

    /// <summary>The schema of one parameter of a tool, as JSON.</summary>
    public static JsonNode? ParameterSchema(ILiveToolSet set, string tool, string parameter)
    {
        Schema? parameters = Parameters(set, tool);
        Assert.NotNull(parameters);
        Assert.True(parameters.Properties!.TryGetValue(parameter, out Schema? schema), "no parameter " + parameter);
        return ToNode(schema);
    }
}
