using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>How the model treats a function while it runs (Live API only).</summary>
[JsonConverter(typeof(BehaviorConverter))]
public enum Behavior
{
    /// <summary>Not specified (<c>UNSPECIFIED</c>); the service treats it as blocking.</summary>
    Unspecified = 0,

    /// <summary><c>BLOCKING</c>: the conversation waits for the function's response.</summary>
    Blocking,

    /// <summary><c>NON_BLOCKING</c>: the conversation goes on while the function runs.</summary>
    NonBlocking,
}

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
