namespace Live.Tools.Generator.Model;

/// <summary>The DataAnnotations of a parameter or property, mapped to the schema and checked by the dispatcher.</summary>
/// <param name="Minimum">The lower bound of a number.</param>
/// <param name="Maximum">The upper bound of a number.</param>
/// <param name="MinimumIsExclusive">Whether the lower bound is excluded.</param>
/// <param name="MaximumIsExclusive">Whether the upper bound is excluded.</param>
/// <param name="MinLength">The fewest characters or items.</param>
/// <param name="MaxLength">The most characters or items.</param>
/// <param name="Pattern">The regular expression a string must match entirely.</param>
/// <param name="NonEmptyString">Whether a string must not be empty or white space (<c>[Required]</c>).</param>
/// <param name="Rules">The form a string must have (<c>[EmailAddress]</c>, <c>[Url]</c>, <c>[Phone]</c>, <c>[Base64String]</c>, <c>[Range]</c> on a string).</param>
/// <param name="AllowedValues">The only strings accepted (<c>[AllowedValues]</c>), or empty.</param>
/// <param name="DeniedValues">The strings refused (<c>[DeniedValues]</c>), or empty.</param>
internal sealed record ConstraintsSpec(
    double? Minimum,
    double? Maximum,
    bool MinimumIsExclusive,
    bool MaximumIsExclusive,
    long? MinLength,
    long? MaxLength,
    string? Pattern,
    bool NonEmptyString,
    StringRules Rules = StringRules.None,
    EquatableArray<string> AllowedValues = default,
    EquatableArray<string> DeniedValues = default)
{
    public static ConstraintsSpec None { get; } = new(null, null, false, false, null, null, null, false);

    public bool HasStringRules => Rules != StringRules.None || !AllowedValues.IsEmpty || !DeniedValues.IsEmpty;

    public bool HasRange => Minimum is not null || Maximum is not null;

    public bool HasLength => MinLength is not null || MaxLength is not null;
}
