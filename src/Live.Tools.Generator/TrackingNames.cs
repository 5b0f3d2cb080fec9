namespace Live.Tools.Generator;

/// <summary>The names of the generator's pipeline steps, for incremental caching tests.</summary>
public static class TrackingNames
{
    /// <summary>Each <c>[LiveTool]</c> method turned into a model (or null when it has problems).</summary>
    public const string Methods = nameof(Methods);

    /// <summary>The valid methods only.</summary>
    public const string ValidMethods = nameof(ValidMethods);

    /// <summary>All valid methods, collected.</summary>
    public const string Collected = nameof(Collected);

    /// <summary>The methods grouped by containing type.</summary>
    public const string ToolSets = nameof(ToolSets);

    /// <summary>The type of each tool set, for its factory and the assembly's registration.</summary>
    public const string ToolTypes = nameof(ToolTypes);

    /// <summary>Whether the compilation references Live.Extensions.DependencyInjection (the registration is emitted then).</summary>
    public const string HasDependencyInjection = nameof(HasDependencyInjection);
}
