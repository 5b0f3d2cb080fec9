namespace Live.Tools.Generator.Model;

/// <summary>One <c>[LiveTool]</c> method: everything needed to emit its declaration and dispatcher.</summary>
/// <param name="Name">The function name.</param>
/// <param name="MethodName">The C# method name (escaped when it is a keyword).</param>
/// <param name="IsStatic">Whether the method is static.</param>
/// <param name="Description">The description.</param>
/// <param name="Behavior">The behavior, or null when not set.</param>
/// <param name="Scheduling">The scheduling, or null when not set.</param>
/// <param name="TimeoutMilliseconds">The timeout, 0 for none.</param>
/// <param name="Parameters">The parameters, in order.</param>
/// <param name="ParametersSchema">The schema sent as <c>parameters</c>, or null when there are no JSON parameters.</param>
/// <param name="Return">The result.</param>
/// <param name="RequiresApproval">Whether calls wait for the tool loop's approval callback (<c>[LiveTool(RequiresApproval = true)]</c>).</param>
/// <param name="ShareInFlight">Whether identical calls in flight share one run (<c>DuplicateCalls = ShareInFlight</c>).</param>
internal sealed record ToolSpec(
    string Name,
    string MethodName,
    bool IsStatic,
    string? Description,
    Behavior? Behavior,
    FunctionResponseScheduling? Scheduling,
    int TimeoutMilliseconds,
    EquatableArray<ParameterSpec> Parameters,
    SchemaSpec? ParametersSchema,
    ReturnSpec Return,
    bool RequiresApproval = false,
    bool ShareInFlight = false);
