using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Live;

/// <summary>
/// The OpenTelemetry sources of the tool loop: an <see cref="ActivitySource"/> with one <c>execute_tool {name}</c> span per
/// call (gen_ai semantic conventions) and a <see cref="Meter"/> with call count, duration and errors.
/// </summary>
public static class LiveToolTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>: <c>Live.Tools</c>.</summary>
    public const string SourceName = "Live.Tools";

    /// <summary>The counter of tool calls started.</summary>
    public const string CallsInstrument = "live.tools.calls";

    /// <summary>The histogram of tool call durations, in seconds.</summary>
    public const string DurationInstrument = "live.tools.call.duration";

    /// <summary>The counter of tool calls answered with an error (exception, bad arguments, unknown function, timeout).</summary>
    public const string ErrorsInstrument = "live.tools.errors";

    internal static readonly ActivitySource ActivitySource = new(SourceName, typeof(LiveToolTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(SourceName, typeof(LiveToolTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsInstrument, "{call}", "Tool calls started.");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "s", "Duration of tool calls.");

    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsInstrument, "{call}", "Tool calls answered with an error.");
}
