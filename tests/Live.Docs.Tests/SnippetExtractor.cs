using System.Text.RegularExpressions;

namespace Live.Docs.Tests;

/// <summary>Finds the ```csharp blocks of README.md and docs/*.md.</summary>
internal static partial class SnippetExtractor
{
    /// <summary>The Markdown files whose C# blocks must compile and run, relative to the repository root.</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "README.md",
        .. Directory.EnumerateFiles(Path.Combine(TestRepository.Root, "docs"), "*.md")
            .Select(f => Path.GetRelativePath(TestRepository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    public static IReadOnlyList<DocSnippet> All { get; } = [.. Files.SelectMany(f => Extract(f, File.ReadAllText(Path.Combine(TestRepository.Root, f))))];

    /// <summary>The C# blocks of one Markdown text.</summary>
    public static IEnumerable<DocSnippet> Extract(string file, string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Match fence = FenceRegex().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            string marker = fence.Groups["fence"].Value;
            string language = fence.Groups["lang"].Value;
            int start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(marker, StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            if (language is not ("csharp" or "cs" or "c#"))
            {
                continue;
            }

            int indent = fence.Groups["indent"].Value.Length;
            string code = string.Join('\n', body.Select(l => l.Length >= indent && string.IsNullOrWhiteSpace(l[..indent]) ? l[indent..] : l.TrimStart()));
            yield return new DocSnippet(file, start + 1, code + "\n", OptionsBefore(lines, start));
        }
    }

    private static Dictionary<string, string> OptionsBefore(string[] lines, int fence)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = fence - 1;
        while (i >= 0 && string.IsNullOrWhiteSpace(lines[i]))
        {
            i--;
        }

        if (i < 0 || CommentRegex().Match(lines[i]) is not { Success: true } comment)
        {
            return options;
        }

        foreach (Match option in OptionRegex().Matches(comment.Groups["options"].Value))
        {
            options[option.Groups["key"].Value] = option.Groups["quoted"].Success ? option.Groups["quoted"].Value : option.Groups["plain"].Value;
        }

        return options;
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<fence>```+|~~~+)\s*(?<lang>[^\s`]*)")]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"^\s*<!--\s*snippet:(?<options>.*?)-->\s*$")]
    private static partial Regex CommentRegex();

    [GeneratedRegex("""(?<key>[a-z-]+)=(?:"(?<quoted>[^"]*)"|(?<plain>\S+))""")]
    private static partial Regex OptionRegex();
}
