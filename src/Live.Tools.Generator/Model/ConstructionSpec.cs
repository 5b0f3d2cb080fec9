namespace Live.Tools.Generator.Model;

/// <summary>How generated code creates an instance of a tool type, and whether the assembly's registration can name it.</summary>
/// <param name="IsVisible">Whether code elsewhere in the assembly can name the type (it and every type around it are public or internal).</param>
/// <param name="HasFactory">Whether the generator implements <c>ILiveToolFactory&lt;T&gt;</c> for it (a non-abstract class with a usable constructor).</param>
/// <param name="Parameters">The chosen constructor's parameters, in order, each resolved from services.</param>
internal sealed record ConstructionSpec(
    bool IsVisible,
    bool HasFactory,
    EquatableArray<ServiceSpec> Parameters);
