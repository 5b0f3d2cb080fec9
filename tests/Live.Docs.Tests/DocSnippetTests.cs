using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Live.Docs.Tests;

/// <summary>Every ```csharp block of README.md and docs/*.md compiles and runs against the embedded emulator.</summary>
public sealed class DocSnippetTests(ITestOutputHelper log)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Snippets => new(SnippetExtractor.All.Select(s => s.Id));

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Snippet_compiles_and_runs(string id)
    {
        DocSnippet snippet = SnippetExtractor.All.Single(s => s.Id == id);
        log.WriteLine(snippet.Context is null ? "a complete program" : "in context " + snippet.Context);

        CompiledSnippet compiled = SnippetCompiler.Compile(snippet);
        Assert.True(
            compiled.Image is not null,
            $"{id} does not compile:\n{string.Join('\n', compiled.Problems)}\n--- compiled source ---\n{compiled.Source}");

        string output = await SnippetRunner.RunAsync(compiled.Image!, s_timeout);
        log.WriteLine(output);
        if (snippet.ExpectedOutput is { } expected)
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_docs_have_csharp_blocks_and_every_context_is_used()
    {
        Assert.Contains(SnippetExtractor.All, s => s.File == "README.md");
        string[] used = [.. SnippetExtractor.All.Select(s => s.Context).OfType<string>().Distinct()];
        string[] contexts = [.. Directory.EnumerateFiles(SnippetCompiler.ContextDirectory, "*.cs").Select(f => Path.GetFileNameWithoutExtension(f)!)];
        Assert.Empty(contexts.Except(used));
    }

    [Fact]
    public void Extractor_reads_the_options_comment_and_skips_other_languages()
    {
        const string Markdown = """
            Text.

            <!-- snippet: context=some-context output="It is 22 degrees." -->
            ```csharp
            Console.WriteLine("x");
            ```

            ```bash
            dotnet build
            ```

            - item:

              ```csharp
              int y = 1;
              ```
            """;

        DocSnippet[] snippets = [.. SnippetExtractor.Extract("x.md", Markdown)];

        Assert.Equal(2, snippets.Length);
        Assert.Equal("x.md:4", snippets[0].Id);
        Assert.Equal("some-context", snippets[0].Context);
        Assert.Equal("It is 22 degrees.", snippets[0].ExpectedOutput);
        Assert.Equal("Console.WriteLine(\"x\");\n", snippets[0].Code);
        Assert.Null(snippets[1].Context);
        Assert.Equal("int y = 1;\n", snippets[1].Code);
    }
}
