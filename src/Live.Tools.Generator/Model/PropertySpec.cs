namespace Live.Tools.Generator.Model;

/// <summary>A member of an object.</summary>
/// <param name="MemberName">The C# member name.</param>
/// <param name="JsonName">The JSON property name.</param>
/// <param name="Value">How the value is read or written.</param>
/// <param name="Assignment">How the member receives its value.</param>
/// <param name="ConstructorIndex">The constructor parameter position, or -1.</param>
/// <param name="IsRequired">Whether the JSON must carry it.</param>
/// <param name="Default">What a missing constructor argument becomes.</param>
/// <param name="Constraints">The DataAnnotations checks.</param>
/// <param name="Description">The description the model reads.</param>
internal sealed record PropertySpec(
    string MemberName,
    string JsonName,
    ValueSpec Value,
    PropertyAssignment Assignment,
    int ConstructorIndex,
    bool IsRequired,
    DefaultValueSpec Default,
    ConstraintsSpec Constraints,
    string? Description);
