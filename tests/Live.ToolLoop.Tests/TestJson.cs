using System.Text.Json.Serialization;

namespace Live.ToolLoopTests;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJson : JsonSerializerContext;
