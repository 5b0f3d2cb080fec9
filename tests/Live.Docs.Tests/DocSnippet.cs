namespace Live.Docs.Tests;

/// <summary>One ```csharp block of a Markdown file, with the options of its <c>&lt;!-- snippet: … --&gt;</c> comment.</summary>
/// <param name="File">The Markdown file, relative to the repository root, with forward slashes.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Code">The block's text.</param>
/// <param name="Options">The options of the comment on the line before the fence (none when absent).</param>
public sealed record DocSnippet(string File, int Line, string Code, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Where the block is, as a test case name: <c>docs/testing.md:42</c>.</summary>
    public string Id => $"{File}:{Line}";

    /// <summary>The context the block is compiled in, or null for a complete program.</summary>
    public string? Context => Options.TryGetValue("context", out string? value) ? value : null;

    /// <summary>Text the run must write to the console, or null.</summary>
    public string? ExpectedOutput => Options.TryGetValue("output", out string? value) ? value : null;

    /// <inheritdoc/>
    public override string ToString() => Id;
}
