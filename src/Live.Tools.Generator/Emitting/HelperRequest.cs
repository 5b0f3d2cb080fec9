using Live.Tools.Generator.Model;

namespace Live.Tools.Generator.Emitting;

/// <summary>A helper method a part of the file asked for, emitted once after the dispatcher.</summary>
/// <param name="Kind">What the helper does.</param>
/// <param name="Value">The value it reads or writes.</param>
/// <param name="Name">The method's name, as the requester already wrote it.</param>
internal sealed record HelperRequest(HelperKind Kind, ValueSpec Value, string Name);
