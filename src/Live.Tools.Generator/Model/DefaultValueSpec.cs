namespace Live.Tools.Generator.Model;

/// <summary>What an optional value becomes when the JSON does not carry it.</summary>
/// <param name="Kind">Whether there is a default, and which.</param>
/// <param name="Expression">The C# constant expression, for <see cref="DefaultValueKind.Constant"/> only.</param>
internal sealed record DefaultValueSpec(DefaultValueKind Kind, string? Expression)
{
    /// <summary>No default: the value is required.</summary>
    public static DefaultValueSpec None { get; } = new(DefaultValueKind.None, null);

    /// <summary>The type's default (<c>default</c>), for an optional value without an explicit default.</summary>
    public static DefaultValueSpec TypeDefault { get; } = new(DefaultValueKind.TypeDefault, null);

    /// <summary>An explicit default written as a C# constant expression.</summary>
    public static DefaultValueSpec Constant(string expression) => new(DefaultValueKind.Constant, expression);
}
