using Xunit.Abstractions;

namespace Live.Packaging.Tests;

/// <summary>
/// Each sample, as built for this test run, runs offline (no API key in its environment) against the embedded emulator:
/// it says so on its first line, finishes in under 30 seconds with exit code 0, and shows its round trip.
/// </summary>
public sealed class SampleTests(ITestOutputHelper log)
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Samples => new() { "QuickStart", "WeatherTools", "AudioStream", "ToolCancellation", "HostedTools", "ToolProgress" };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_runs_offline_against_the_embedded_emulator(string sample)
    {
        string assembly = RepositoryPaths.Combine("samples", sample, "bin", RepositoryPaths.Configuration, "net10.0", sample + ".dll");
        Assert.True(File.Exists(assembly), $"{assembly} is missing: the test project references the samples, so building it builds them.");

        ChildResult result = await ChildProcess.RunAsync(
            ChildProcess.DotNet, [assembly], Path.GetDirectoryName(assembly)!, TimeSpan.FromSeconds(90));
        log.WriteLine($"{sample}: exit code {result.ExitCode}, {result.Elapsed.TotalSeconds:0.00} s");
        log.WriteLine(result.Output);

        Assert.True(result.ExitCode == 0, $"{sample} exited with {result.ExitCode}:\n{result.Tail()}");
        Assert.True(result.Elapsed < s_limit, $"{sample} took {result.Elapsed.TotalSeconds:0.0} s (limit {s_limit.TotalSeconds:0} s).");
        Assert.Equal(
            $"Live.Tools {sample} sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)",
            result.Lines[0]);

        switch (sample)
        {
            case "QuickStart":
                Assert.Contains("You said: \"Hello, how are you?\"", result.Output, StringComparison.Ordinal);
                break;
            case "WeatherTools":
                // The model's call carries the city from the user's words, the tool's output reaches the answer.
                Assert.Contains("user   › What is the weather in Tokyo?", result.Lines);
                Assert.Contains(result.Lines, l => l.StartsWith("tool   › get_weather({\"location\":\"Tokyo\"})", StringComparison.Ordinal));
                Assert.Contains("result › {\"output\":{\"location\":\"Tokyo\",\"temperature\":18.5,\"unit\":\"celsius\",\"conditions\":\"light rain\"}}", result.Lines);
                Assert.Contains("model  › In Tokyo it is 18.5 °C with light rain right now.", result.Lines);
                Assert.Contains(result.Lines, l => l.EndsWith("get_weather was called 1 time(s).", StringComparison.Ordinal));
                break;
            case "AudioStream":
                Assert.Contains("you    › streaming question.pcm: 89,114 bytes (2.78 s) in 28 chunks of 100 ms", result.Lines);
                Assert.Contains("heard  › What is the weather in Tokyo?", result.Lines);
                Assert.Contains(result.Lines, l => l.StartsWith("audio  › ", StringComparison.Ordinal) && l.Contains("bytes of audio/pcm;rate=24000", StringComparison.Ordinal));
                // The emulator's answer is built from the audio it received: every byte of the recording, at 16 kHz.
                Assert.Contains("said   › I heard 2.8 seconds of audio, 89,114 bytes at 16000 hertz.", result.Lines);
                break;
            case "ToolCancellation":
                Assert.Contains(result.Lines, l => l.StartsWith("tool   › find_flights saw its token cancelled after", StringComparison.Ordinal));
                Assert.Contains(result.Lines, l => l.StartsWith("tool   › get_local_time(Tokyo) = ", StringComparison.Ordinal));
                Assert.DoesNotContain(result.Lines, l => l.StartsWith("tool   › find_flights finished", StringComparison.Ordinal));
                Assert.Contains("The emulator received responses for: get_local_time (call-2); for the cancelled call-1: none.", result.Lines);
                Assert.Contains(result.Lines, l => l.StartsWith("model  › I stopped the flight search as it was taking too long, but it is ", StringComparison.Ordinal));
                break;
            case "HostedTools":
                AssertHostedToolsRun(result.Lines);
                break;
            case "ToolProgress":
                AssertToolProgressRun(result.Lines);
                break;
            default:
                Assert.Fail("No checks for " + sample);
                break;
        }
    }

    /// <summary>
    /// What ToolProgress prints offline: a NON_BLOCKING call on a 3.8-style session, three progress reports sent as
    /// interim responses and the result as the last, all with the call's id and in that order, and the answer built
    /// from the result.
    /// </summary>
    internal static void AssertToolProgressRun(IReadOnlyList<string> lines)
    {
        Assert.Contains("model profile: Gemini 3.8 Live (Gemini API)", lines);
        Assert.Contains(lines, l => l.StartsWith("model  › I am asking the hotels in Lisbon", StringComparison.Ordinal) && l.EndsWith("[interactionStatus InProgress]", StringComparison.Ordinal));
        Assert.Contains("tool   › find_room(Lisbon) started [call id call-1]; progress can reach the model: yes", lines);
        Assert.Equal(3, lines.Count(l => l.StartsWith("progress › Asked ", StringComparison.Ordinal) && l.EndsWith("(sent, willContinue: true)", StringComparison.Ordinal)));
        Assert.Equal(
            [
                "wire   › find_room (call-1) willContinue: true, scheduling: WHEN_IDLE",
                "wire   › find_room (call-1) willContinue: true, scheduling: WHEN_IDLE",
                "wire   › find_room (call-1) willContinue: true, scheduling: WHEN_IDLE",
                "wire   › find_room (call-1) willContinue: false, scheduling: WHEN_IDLE",
            ],
            lines.Where(l => l.StartsWith("wire   › ", StringComparison.Ordinal)));
        Assert.Contains("The emulator received 4 response(s) for one call id.", lines);
        Assert.Contains(lines, l => l.StartsWith("model  › The cheapest room tonight is at Casa do Rio, 95 euros.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("3 progress report(s) sent, 0 dropped.", StringComparison.Ordinal));
    }

    /// <summary>What HostedTools prints offline: per-session state shared, per-call scopes released, the M.E.AI session its own.</summary>
    internal static void AssertHostedToolsRun(IReadOnlyList<string> lines)
    {
        Assert.Contains("model  › Added. Now in basket 1: 2 latte.", lines);
        Assert.Contains("model  › That is 6.75 euros.", lines);
        int print = lines.ToList().FindIndex(l => l.StartsWith("tool   › printer ", StringComparison.Ordinal) && l.EndsWith("prints a quote for 3 muffin", StringComparison.Ordinal));
        Assert.True(print >= 0, "the per-call tool did not run");
        string printer = lines[print]["tool   › printer ".Length..].Split(' ')[0];
        Assert.Contains($"host   › printer {printer} released when its call ended", lines.Skip(print));
        Assert.Contains("host   › basket 1 disposed with its session", lines);
        Assert.Contains("user   › add 1 tea   (through IRealtimeClient)", lines);
        Assert.Contains("model  › Added. Now in basket 2: 1 tea.", lines);
        Assert.Contains("host   › basket 2 disposed with its session", lines);
        Assert.Contains("Done.", lines);
    }
}
