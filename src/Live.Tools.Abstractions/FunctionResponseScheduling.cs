using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>When the model takes up the response of a <see cref="Behavior.NonBlocking"/> function.</summary>
[JsonConverter(typeof(FunctionResponseSchedulingConverter))]
public enum FunctionResponseScheduling
{
    /// <summary>Not specified (<c>SCHEDULING_UNSPECIFIED</c>).</summary>
    Unspecified = 0,

    /// <summary><c>SILENT</c>: add the result to the context without generating.</summary>
    Silent,

    /// <summary><c>WHEN_IDLE</c> (the default): generate once the model is idle.</summary>
    WhenIdle,

    /// <summary><c>INTERRUPT</c>: interrupt what the model is doing and generate now.</summary>
    Interrupt,
}

/// <summary>Wire converter for <see cref="FunctionResponseScheduling"/>.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class FunctionResponseSchedulingConverter : WireEnumConverter<FunctionResponseScheduling>
{
    /// <summary>Creates the converter.</summary>
    public FunctionResponseSchedulingConverter()
        : base(
            (FunctionResponseScheduling.Unspecified, "SCHEDULING_UNSPECIFIED"),
            (FunctionResponseScheduling.Silent, "SILENT"),
            (FunctionResponseScheduling.WhenIdle, "WHEN_IDLE"),
            (FunctionResponseScheduling.Interrupt, "INTERRUPT"))
    {
    }
}
