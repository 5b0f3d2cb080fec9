using System.IO.Compression;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Live.Packaging.Tests;

/// <summary>
/// The install path of the docs: packs every packable project under src/ with <c>eng/pack-local.sh</c> into a
/// temporary feed, checks what each package holds (its own README, both target frameworks, symbols, dependencies on the
/// other Live.* packages at the same version), then creates a console app outside the repository with
/// <c>dotnet new console</c>, adds the feed and the packages (Live.Runtime, Live.Testing and one integration package,
/// Live.Extensions.DependencyInjection) with the <c>dotnet</c> commands the docs give, builds and runs it (no project
/// references) with a <c>[LiveTool]</c> method and a client from <c>AddLiveClient</c>: the generator has to come out of
/// the package for it to compile, and the tool's output has to reach the emulator's reply for it to pass.
/// </summary>
[Collection(SdkBuildCollection.Name)]
public sealed class PackAndConsumeTests(ITestOutputHelper log)
{
    private const string Version = "0.0.0-test";

    /// <summary>The packages of the repository.</summary>
    /// <remarks>
    /// Found as <c>eng/pack-local.sh</c> finds them: each src/&lt;Name&gt;/&lt;Name&gt;.csproj not marked
    /// <c>&lt;IsPackable&gt;false&lt;/IsPackable&gt;</c>, so a new project under src/ is checked without being listed here.
    /// </remarks>
    private static readonly string[] s_packages = [.. Directory.GetDirectories(RepositoryPaths.Combine("src"))
        .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj"))
        .Where(File.Exists)
        .Where(p => !System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(p), @"<IsPackable>\s*false\s*</IsPackable>"))
        .Select(p => Path.GetFileNameWithoutExtension(p))
        .Order(StringComparer.Ordinal)];

    /// <summary>The packages every user starts from, and the integration packages the docs list.</summary>
    private static readonly string[] s_documentedPackages =
    [
        "Live.Runtime", "Live.Tools.Abstractions", "Live.Testing", "Live.AspNetCore", "Live.Extensions.DependencyInjection",
        "Live.Extensions.AI", "Live.Mcp", "Live.Audio", "Live.Twilio", "Live.Extensions.Caching",
    ];

    [Fact]
    public async Task Packed_packages_build_and_run_a_consumer_whose_LiveTool_reaches_the_model()
    {
        using var temp = new TempDirectory("live-pack");
        string feed = temp.Combine("feed");

        // The discovery finds what the docs list (a packable project the README does not list is a test failure too).
        Assert.Equal(s_documentedPackages.Order(StringComparer.Ordinal), s_packages);

        // 1. Pack every project with the documented script, build outputs in the temporary folder (the repository's
        //    bin/ and obj/ are not touched while other test projects run from them).
        ChildResult pack = await ChildProcess.RunAsync(
            "bash",
            [RepositoryPaths.Combine("eng", "pack-local.sh"), feed],
            RepositoryPaths.Root,
            TimeSpan.FromMinutes(15),
            new Dictionary<string, string> { ["LIVE_PACKAGE_VERSION"] = Version, ["LIVE_ARTIFACTS_PATH"] = temp.Combine("artifacts") });
        log.WriteLine($"eng/pack-local.sh: exit code {pack.ExitCode}, {pack.Elapsed.TotalSeconds:0.0} s");
        Assert.True(pack.ExitCode == 0, "eng/pack-local.sh failed:\n" + pack.Tail());

        CheckPackages(feed);

        // 2. A fresh console app outside the repository, set up with the commands the docs give: dotnet new console,
        //    dotnet new nugetconfig, dotnet nuget add source, dotnet add package. A package cache of its own, so a stale
        //    Live.* package in the machine's cache can never be used.
        string consumer = temp.Combine("consumer");
        Directory.CreateDirectory(consumer);
        string marker = "consumer-" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = temp.Combine("packages") };
        string[][] setup =
        [
            ["new", "console", "--name", "Consumer", "--output", consumer, "--framework", "net10.0"],
            ["new", "nugetconfig", "--output", consumer],
            ["nuget", "add", "source", feed, "--name", "live-tools-local", "--configfile", Path.Combine(consumer, "nuget.config")],
            ["add", Path.Combine(consumer, "Consumer.csproj"), "package", "Live.Runtime", "--prerelease"],
            ["add", Path.Combine(consumer, "Consumer.csproj"), "package", "Live.Testing", "--prerelease"],
            ["add", Path.Combine(consumer, "Consumer.csproj"), "package", "Live.Extensions.DependencyInjection", "--prerelease"],
        ];
        foreach (string[] command in setup)
        {
            ChildResult step = await ChildProcess.RunAsync(ChildProcess.DotNet, command, consumer, TimeSpan.FromMinutes(5), environment);
            log.WriteLine($"dotnet {string.Join(' ', command.Take(3))}: exit code {step.ExitCode}, {step.Elapsed.TotalSeconds:0.0} s");
            Assert.True(step.ExitCode == 0, $"dotnet {string.Join(' ', command)} failed:\n" + step.Tail());
        }

        string project = await File.ReadAllTextAsync(Path.Combine(consumer, "Consumer.csproj"));
        Assert.Contains($"Include=\"Live.Runtime\" Version=\"{Version}\"", project, StringComparison.Ordinal);
        Assert.Contains($"Include=\"Live.Testing\" Version=\"{Version}\"", project, StringComparison.Ordinal);
        Assert.Contains($"Include=\"Live.Extensions.DependencyInjection\" Version=\"{Version}\"", project, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), ConsumerProgram(marker));

        ChildResult build = await ChildProcess.RunAsync(
            ChildProcess.DotNet,
            ["build", "Consumer.csproj", "-c", "Release", "--disable-build-servers", "-p:EmitCompilerGeneratedFiles=true"],
            consumer,
            TimeSpan.FromMinutes(5),
            environment);
        log.WriteLine($"consumer build: exit code {build.ExitCode}, {build.Elapsed.TotalSeconds:0.0} s");
        Assert.True(build.ExitCode == 0, "The consumer did not build:\n" + build.Tail());
        string[] warnings = build.Lines.Where(l => l.Contains(": warning ", StringComparison.Ordinal) && !l.Contains(": warning NU", StringComparison.Ordinal)).ToArray();
        Assert.True(warnings.Length == 0, "The consumer built with warnings:\n" + string.Join('\n', warnings.Distinct()));

        // The generator ran from the package the consumer restored into its own cache.
        Assert.True(File.Exists(temp.Combine("packages", "live.tools.abstractions", Version, "analyzers", "dotnet", "cs", "Live.Tools.Generator.dll")));
        string[] generated = Directory.GetFiles(Path.Combine(consumer, "obj"), "*.LiveTools.g.cs", SearchOption.AllDirectories);
        Assert.Contains(generated, f => f.Contains("Live.Tools.Generator", StringComparison.Ordinal) && Path.GetFileName(f) == "Calculator.LiveTools.g.cs");

        // 3. Run it: the emulator (from the Live.Testing package) calls the tool; its output comes back in the model's answer.
        ChildResult run = await ChildProcess.RunAsync(
            ChildProcess.DotNet,
            [Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.dll")],
            consumer,
            TimeSpan.FromSeconds(60));
        log.WriteLine($"consumer run: exit code {run.ExitCode}, {run.Elapsed.TotalSeconds:0.00} s");
        log.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, "The consumer failed:\n" + run.Tail());
        Assert.Contains("declared: add_numbers", run.Lines);
        Assert.Contains("tool ran: add_numbers(20, 22)", run.Lines);
        Assert.Contains("tool calls: 1", run.Lines);
        Assert.Contains($"model: The answer is 42, computed by {marker}.", run.Lines);
        Assert.Contains("client from the container: yes", run.Lines);
    }

    private void CheckPackages(string feed)
    {
        foreach (string id in s_packages)
        {
            string nupkg = Path.Combine(feed, $"{id}.{Version}.nupkg");
            string snupkg = Path.Combine(feed, $"{id}.{Version}.snupkg");
            Assert.True(File.Exists(nupkg), nupkg + " was not produced.");
            Assert.True(File.Exists(snupkg), snupkg + " (symbols) was not produced.");

            string[] entries = Entries(nupkg);
            log.WriteLine($"{Path.GetFileName(nupkg)} ({new FileInfo(nupkg).Length:N0} bytes): {string.Join(", ", entries.Where(e => !e.StartsWith('_') && !e.StartsWith("package/", StringComparison.Ordinal) && e != "[Content_Types].xml"))}");
            Assert.Contains("README.md", entries);

            // The package's own README (not the repository's), with no link that only works inside the repository.
            string readme = ReadEntry(nupkg, "README.md");
            Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("src", id, "README.md")), readme);
            Assert.StartsWith("# " + id, readme, StringComparison.Ordinal);
            string[] relativeLinks = [.. System.Text.RegularExpressions.Regex.Matches(readme, @"\]\((?<target>[^)\s]+)\)")
                .Select(m => m.Groups["target"].Value)
                .Where(t => !t.StartsWith("https://", StringComparison.Ordinal) && !t.StartsWith('#'))];
            Assert.True(relativeLinks.Length == 0, $"{id}'s package README has relative links: {string.Join(", ", relativeLinks)}");
            foreach (string framework in new[] { "net8.0", "net10.0" })
            {
                Assert.Contains($"lib/{framework}/{id}.dll", entries);
                Assert.Contains($"lib/{framework}/{id}.xml", entries);
                Assert.Contains($"lib/{framework}/{id}.pdb", Entries(snupkg));
            }

            XElement metadata = Nuspec(nupkg);
            XNamespace ns = metadata.Name.Namespace;
            Assert.Equal(Version, (string?)metadata.Element(ns + "version"));
            XElement license = Assert.Single(metadata.Elements(ns + "license"));
            Assert.Equal("expression", (string?)license.Attribute("type"));
            Assert.Equal("MIT", license.Value);
            Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
            Assert.Equal("git", (string?)metadata.Element(ns + "repository")?.Attribute("type"));
            Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")));

            // Each Live.* project reference is a package dependency in every target framework, at the same version.
            string[] referenced = [.. ProjectReferences(id).Where(r => s_packages.Contains(r)).Order(StringComparer.Ordinal)];
            XElement[] groups = [.. metadata.Element(ns + "dependencies")?.Elements(ns + "group") ?? []];
            if (referenced.Length > 0)
            {
                Assert.Equal(2, groups.Length);
            }

            foreach (XElement group in groups)
            {
                string[] live = [.. group.Elements(ns + "dependency").Select(d => (string)d.Attribute("id")!).Where(d => d.StartsWith("Live.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
                Assert.True(referenced.SequenceEqual(live), $"{id} ({(string?)group.Attribute("targetFramework")}) depends on [{string.Join(", ", live)}], its project references [{string.Join(", ", referenced)}]");
            }

            log.WriteLine($"{id} depends on: {string.Join(", ", metadata.Descendants(ns + "dependency").Select(d => $"{(string?)d.Attribute("id")} {(string?)d.Attribute("version")}").Distinct())}");

            // Package dependencies keep the analyzers: a reference to any package alone brings the generator (e.g. the
            // generated AddLiveToolsFromAssembly of Live.Extensions.DependencyInjection).
            foreach (XElement dependency in metadata.Descendants(ns + "dependency").Where(d => ((string?)d.Attribute("id"))?.StartsWith("Live.", StringComparison.Ordinal) == true))
            {
                Assert.Equal(Version, (string?)dependency.Attribute("version"));
                Assert.DoesNotContain("Analyzers", (string?)dependency.Attribute("exclude") ?? string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        // The generator (and the code fixes) sit in analyzers/dotnet/cs of Live.Tools.Abstractions, never in lib/.
        string[] abstractions = Entries(Path.Combine(feed, $"Live.Tools.Abstractions.{Version}.nupkg"));
        Assert.Contains("analyzers/dotnet/cs/Live.Tools.Generator.dll", abstractions);
        if (Directory.Exists(RepositoryPaths.Combine("src", "Live.Tools.CodeFixes")))
        {
            Assert.Contains("analyzers/dotnet/cs/Live.Tools.CodeFixes.dll", abstractions);
        }

        string[] everything = s_packages.SelectMany(id => Entries(Path.Combine(feed, $"{id}.{Version}.nupkg"))).ToArray();
        Assert.DoesNotContain(everything, e => e.StartsWith("lib/", StringComparison.Ordinal) && (e.Contains("Generator", StringComparison.Ordinal) || e.Contains("CodeFixes", StringComparison.Ordinal)));
        Assert.DoesNotContain(everything, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && !e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal));

        Assert.Contains(
            "Live.Runtime",
            Nuspec(Path.Combine(feed, $"Live.Testing.{Version}.nupkg")).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string?)e.Attribute("id")));
        Assert.Contains(
            Nuspec(Path.Combine(feed, $"Live.Testing.{Version}.nupkg")).Descendants().Where(e => e.Name.LocalName == "frameworkReference"),
            e => (string?)e.Attribute("name") == "Microsoft.AspNetCore.App");
    }

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(RepositoryPaths.Combine("src", project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string)r.Attribute("Include")!).Replace('\\', '/')));

    private static string[] Entries(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    private static string ReadEntry(string package, string name)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static XElement Nuspec(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using Stream stream = entry.Open();
        XElement root = XDocument.Load(stream).Root!;
        return root.Element(root.Name.Namespace + "metadata")!;
    }

    private static string ConsumerProgram(string marker) => $$"""
            using System.ComponentModel;
            using System.Globalization;
            using System.Text;
            using System.Text.Json.Nodes;
            using Live;
            using Live.DependencyInjection;
            using Live.Testing;
            using Live.Tools;
            using Microsoft.Extensions.DependencyInjection;

            await using LiveEmulator emulator = await LiveEmulator.StartAsync();
            emulator
                .OnUserText(@"add (?<a>\d+) and (?<b>\d+)", turn => turn.CallTool("add_numbers", new JsonObject
                {
                    ["a"] = int.Parse(turn["a"], CultureInfo.InvariantCulture),
                    ["b"] = int.Parse(turn["b"], CultureInfo.InvariantCulture),
                }))
                .OnToolResponse("add_numbers", turn => turn.Say(
                    $"The answer is {turn.Output.GetProperty("value")}, computed by {turn.Output.GetProperty("computed_by")}."));

            Console.WriteLine("declared: " + string.Join(", ", Calculator.LiveFunctionDeclarations.Select(d => d.Name)));

            // Live.Extensions.DependencyInjection: the client and the tool type from the container (the tool type built by
            // its generated factory, once for the session).
            var services = new ServiceCollection();
            services
                .AddLiveClient(options =>
                {
                    options.ApiKey = emulator.ApiKey;
                    options.BaseUrl = emulator.BaseUrl;
                })
                .AddLiveTools<Calculator>(LiveToolLifetime.PerSession);
            await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
            Client client = provider.GetRequiredService<Client>();
            await using LiveSessionToolSet tools = await provider.GetRequiredService<LiveToolProvider>().CreateSessionToolSetAsync();
            Calculator calculator = tools.Services.GetRequiredService<Calculator>();
            Console.WriteLine("client from the container: " + (ReferenceEquals(client, provider.GetRequiredService<Client>()) ? "yes" : "no"));

            await using AsyncSession session = await client.Live.ConnectAsync(
                "gemini-live-2.5-flash-preview",
                new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] });
            await session.SendClientContentAsync("Please add 20 and 22.", turnComplete: true);

            var answer = new StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await session.RunWithToolsAsync(
                tools,
                (message, cancellationToken) =>
                {
                    answer.Append(message.Text);
                    return ValueTask.CompletedTask;
                },
                new LiveToolOptions { StopWhen = message => message.ServerContent?.TurnComplete == true },
                timeout.Token);

            Console.WriteLine($"tool calls: {calculator.Calls}");
            Console.WriteLine($"model: {answer}");
            return calculator.Calls == 1 ? 0 : 1;

            public sealed record Sum(int Value, string ComputedBy);

            public partial class Calculator
            {
                public int Calls { get; private set; }

                [LiveTool, Description("Adds two integers.")]
                public Sum AddNumbers([Description("The first number.")] int a, [Description("The second number.")] int b)
                {
                    Calls++;
                    Console.WriteLine($"tool ran: add_numbers({a}, {b})");
                    return new Sum(a + b, "{{marker}}");
                }
            }

            """;
}
