namespace Live.Tools.Generator.Model;

/// <summary>The kinds of <see cref="DefaultValueSpec"/>.</summary>
internal enum DefaultValueKind
{
    /// <summary>No default: the value is required.</summary>
    None,

    /// <summary>The type's default.</summary>
    TypeDefault,

    /// <summary>An explicit constant.</summary>
    Constant,
}
