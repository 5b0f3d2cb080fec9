// This file is also compiled into Live.Tools.Generator (linked), so the generator names the members instead of
// re-reading their numbers; keep it free of anything netstandard2.0 without System.Text.Json lacks.
#if LIVE_TOOLS_GENERATOR
namespace Live.Tools.Generator.Model;
#else
using System.Text.Json.Serialization;

namespace Live;
#endif

/// <summary>How the model treats a function while it runs (Live API only).</summary>
#if LIVE_TOOLS_GENERATOR
internal
#else
[JsonConverter(typeof(BehaviorConverter))]
public
#endif
enum Behavior
{
    /// <summary>Not specified (<c>UNSPECIFIED</c>); the service treats it as blocking.</summary>
    Unspecified = 0,

    /// <summary><c>BLOCKING</c>: the conversation waits for the function's response.</summary>
    Blocking,

    /// <summary><c>NON_BLOCKING</c>: the conversation goes on while the function runs.</summary>
    NonBlocking,
}
