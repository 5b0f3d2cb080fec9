namespace Live.Tools.Generator.Model;

/// <summary>One enum member and the string the JSON carries for it.</summary>
/// <param name="MemberName">The C# member name.</param>
/// <param name="JsonName">The JSON string.</param>
/// <param name="Value">The numeric value, as an invariant literal.</param>
internal sealed record EnumMemberSpec(string MemberName, string JsonName, string Value);
