using System.Globalization;

namespace Live.Reliability.Tests.Infrastructure;

/// <summary>Counts of the fuzz runs: CI defaults, larger runs through environment variables.</summary>
internal static class FuzzBudget
{
    /// <summary>The fixed seed: every run fuzzes the same inputs (override with LIVE_FUZZ_SEED).</summary>
    public static int Seed => Read("LIVE_FUZZ_SEED", 20261124);

    /// <summary>Frames fed to the parser (LIVE_FUZZ_FRAMES; 100,000 by default).</summary>
    public static int Frames => Read("LIVE_FUZZ_FRAMES", 100_000);

    /// <summary>Frames of those also fed through ReceiveAsync of a session (LIVE_FUZZ_SESSION_FRAMES; 3,000 by default).</summary>
    public static int SessionFrames => Read("LIVE_FUZZ_SESSION_FRAMES", 3_000);

    /// <summary>Argument objects fed to the dispatcher (LIVE_FUZZ_ARGS; 100,000 by default).</summary>
    public static int Arguments => Read("LIVE_FUZZ_ARGS", 100_000);

    /// <summary>A wall-clock cap on each fuzz loop (LIVE_FUZZ_SECONDS; 90 s by default): the loop stops early and the test fails if it is hit.</summary>
    public static TimeSpan TimeLimit => TimeSpan.FromSeconds(Read("LIVE_FUZZ_SECONDS", 90));

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
