using System.Text.Json.Serialization;

namespace Live.Tools.IntegrationTests;

/// <summary>What System.Text.Json itself writes for bytes and strings, to compare the generated writers with.</summary>
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class ByteJsonContext : JsonSerializerContext;
