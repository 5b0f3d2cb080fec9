using System.Text.Json;
using System.Text.Json.Serialization;
using Live.Wire;

namespace Live.Serialization;

/// <summary>
/// The source-generated JSON metadata of every wire type. Use <see cref="Create"/> for the options the wire needs
/// (nulls omitted, a depth limit); frames are written with <see cref="MinimalJsonEncoder"/>.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LiveClientMessage))]
[JsonSerializable(typeof(LiveServerMessage))]
[JsonSerializable(typeof(Content))]
[JsonSerializable(typeof(Part))]
[JsonSerializable(typeof(Blob))]
[JsonSerializable(typeof(FunctionCall))]
[JsonSerializable(typeof(FunctionResponse))]
[JsonSerializable(typeof(FunctionDeclaration))]
[JsonSerializable(typeof(Tool))]
[JsonSerializable(typeof(Schema))]
[JsonSerializable(typeof(GenerationConfig))]
internal sealed partial class LiveJsonContext : JsonSerializerContext
{
    /// <summary>The default maximum depth of a received frame.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Creates a context with the wire's options and the given depth limit.</summary>
    /// <param name="maxDepth">The maximum nesting depth of a received frame.</param>
    /// <returns>The context.</returns>
    public static LiveJsonContext Create(int maxDepth = DefaultMaxDepth) =>
        new(new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = MinimalJsonEncoder.Instance,
            MaxDepth = maxDepth,
        });
}
