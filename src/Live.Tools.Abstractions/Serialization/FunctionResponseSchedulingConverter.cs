using Live.Serialization;

namespace Live;

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
