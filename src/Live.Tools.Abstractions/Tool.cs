using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>A tool the model may use: function declarations or a built-in tool such as Google Search.</summary>
public sealed class Tool
{
    /// <summary>Functions the model may call.</summary>
    [JsonPropertyName("functionDeclarations")]
    public IList<FunctionDeclaration>? FunctionDeclarations { get; set; }

    /// <summary>Enables grounding with Google Search.</summary>
    [JsonPropertyName("googleSearch")]
    public GoogleSearch? GoogleSearch { get; set; }

    /// <summary>Enables code execution by the model.</summary>
    [JsonPropertyName("codeExecution")]
    public ToolCodeExecution? CodeExecution { get; set; }

    /// <summary>Enables the URL context tool.</summary>
    [JsonPropertyName("urlContext")]
    public UrlContext? UrlContext { get; set; }

    /// <summary>
    /// Other tools (for example <c>googleMaps</c>, <c>computerUse</c>, <c>fileSearch</c>, <c>retrieval</c>,
    /// <c>enterpriseWebSearch</c>, <c>mcpServers</c>), sent and received as given, by wire name.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates a tool holding the given function declarations.</summary>
    /// <param name="functionDeclarations">The functions.</param>
    /// <returns>The tool.</returns>
    public static Tool FromFunctions(params FunctionDeclaration[] functionDeclarations) =>
        new() { FunctionDeclarations = new List<FunctionDeclaration>(functionDeclarations ?? throw new ArgumentNullException(nameof(functionDeclarations))) };

    /// <summary>Creates a tool holding the given function declarations.</summary>
    /// <param name="functionDeclarations">The functions.</param>
    /// <returns>The tool.</returns>
    public static Tool FromFunctions(IEnumerable<FunctionDeclaration> functionDeclarations) =>
        new() { FunctionDeclarations = new List<FunctionDeclaration>(functionDeclarations ?? throw new ArgumentNullException(nameof(functionDeclarations))) };
}

/// <summary>The Google Search tool (<c>googleSearch: {}</c>).</summary>
public sealed class GoogleSearch
{
}

/// <summary>The code execution tool (<c>codeExecution: {}</c>).</summary>
public sealed class ToolCodeExecution
{
}

/// <summary>The URL context tool (<c>urlContext: {}</c>).</summary>
public sealed class UrlContext
{
}
