using System.Collections.Concurrent;
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
[JsonSerializable(typeof(AuthTokenRequest))]
[JsonSerializable(typeof(AuthTokenResponse))]
internal sealed partial class LiveJsonContext : JsonSerializerContext
{
    /// <summary>The default maximum depth of a received frame.</summary>
    public const int DefaultMaxDepth = 64;

    private static readonly ConcurrentDictionary<int, LiveJsonContext> s_shared = new();

    /// <summary>
    /// The context with the wire's options and the given depth limit, shared by every session with that limit: a
    /// context caches the metadata of the whole message graph (about 200 KiB), so one per session would be the bulk of
    /// an idle session's memory. Contexts are thread-safe once built.
    /// </summary>
    /// <param name="maxDepth">The maximum nesting depth of a received frame.</param>
    /// <returns>The context.</returns>
    public static LiveJsonContext Create(int maxDepth = DefaultMaxDepth) =>
        s_shared.GetOrAdd(maxDepth, static depth => new(new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = MinimalJsonEncoder.Instance,
            MaxDepth = depth,
        }));
}
