using Live.Serialization;

namespace Live;

/// <summary>Wire converter for <see cref="Behavior"/>.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class BehaviorConverter : WireEnumConverter<Behavior>
{
    /// <summary>Creates the converter.</summary>
    public BehaviorConverter()
        : base(
            (Behavior.Unspecified, "UNSPECIFIED"),
            (Behavior.Blocking, "BLOCKING"),
            (Behavior.NonBlocking, "NON_BLOCKING"))
    {
    }
}
