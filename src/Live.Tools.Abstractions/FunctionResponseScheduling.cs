// This file is also compiled into Live.Tools.Generator (linked), so the generator names the members instead of
// re-reading their numbers; keep it free of anything netstandard2.0 without System.Text.Json lacks.
#if LIVE_TOOLS_GENERATOR
namespace Live.Tools.Generator.Model;
#else
using System.Text.Json.Serialization;

namespace Live;
#endif

/// <summary>When the model takes up the response of a <see cref="Behavior.NonBlocking"/> function.</summary>
#if LIVE_TOOLS_GENERATOR
internal
#else
[JsonConverter(typeof(FunctionResponseSchedulingConverter))]
public
#endif
enum FunctionResponseScheduling
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
