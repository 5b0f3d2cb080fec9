namespace Live.Tools.Generator.Parsing;

/// <summary>An annotation the dispatcher does not check, and why (LIVE019).</summary>
/// <param name="Attribute">The attribute's short name, for example <c>EmailAddress</c>.</param>
/// <param name="Reason">Why, and what to do instead.</param>
internal sealed record Unenforced(string Attribute, string Reason);
