namespace Live.Tools.Generator.Model;

/// <summary>One parameter of a tool method.</summary>
/// <param name="JsonName">The JSON name the model uses.</param>
/// <param name="Kind">Where the value comes from.</param>
/// <param name="Value">How it is read (JSON parameters only).</param>
/// <param name="IsRequired">Whether the args must carry it.</param>
/// <param name="Default">What it becomes when it is missing (optional parameters).</param>
/// <param name="Constraints">The DataAnnotations checks.</param>
/// <param name="Service">The service bound (<see cref="ParameterKind.Service"/> only).</param>
internal sealed record ParameterSpec(
    string JsonName,
    ParameterKind Kind,
    ValueSpec? Value,
    bool IsRequired,
    DefaultValueSpec Default,
    ConstraintsSpec Constraints,
    ServiceSpec? Service = null);
