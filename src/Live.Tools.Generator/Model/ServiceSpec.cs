namespace Live.Tools.Generator.Model;

/// <summary>A parameter bound from services: a <c>[FromServices]</c>/<c>[FromKeyedServices]</c> tool parameter, or a constructor parameter of a tool type.</summary>
/// <param name="Name">The C# parameter name (for messages).</param>
/// <param name="TypeName">The service type, fully qualified (<c>global::…</c>), without a nullable marker.</param>
/// <param name="DisplayName">The service type as a message shows it.</param>
/// <param name="KeyLiteral">The key of a keyed service as a C# literal, or null for an unkeyed service.</param>
/// <param name="IsOptional">Whether a missing service gives null (nullable parameter or default value) instead of an error.</param>
/// <param name="IsProvider">Whether the parameter is the <c>IServiceProvider</c> itself.</param>
internal sealed record ServiceSpec(
    string Name,
    string TypeName,
    string DisplayName,
    string? KeyLiteral,
    bool IsOptional,
    bool IsProvider);
