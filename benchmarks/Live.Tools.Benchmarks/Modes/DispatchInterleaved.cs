using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Live.Benchmarks.Dispatch;

namespace Live.Benchmarks.Modes;

/// <summary>
/// The three dispatch classes timed interleaved (issue 17): short bursts of calls of each approach in turn, the order
/// rotated every round, so that a load spike on a shared machine falls on every approach alike instead of on whichever
/// BenchmarkDotNet happened to be measuring. The bodies are the [Benchmark] methods of
/// <see cref="DispatchWeatherBenchmarks"/>, <see cref="DispatchNestedBenchmarks"/> and
/// <see cref="DispatchTwentyToolsBenchmarks"/> (and the read variants of <see cref="DispatchNestedVariantsBenchmarks"/>) after their [GlobalSetup] (which checks that every approach writes the
/// same bytes). Per approach: the fastest burst, the 10th percentile and the median burst (ns per call), and the mean
/// over all bursts, which is the only one of the four that includes the garbage collections an approach causes
/// (a burst is too short to hold one regularly, so the fastest bursts leave them out), and, on Linux, the mean CPU time
/// of the measuring thread per call: it includes the gen0 collections (a workstation collection runs on the thread that
/// allocates) but not the time the thread waited while other processes ran, so it is the steadiest figure on a busy
/// machine.
/// </summary>
public static class DispatchInterleaved
{
    /// <summary>Rounds and burst length of a full run, and of the smoke test.</summary>
    /// <param name="Rounds">Bursts per approach.</param>
    /// <param name="CallsPerBurst">Calls in one burst.</param>
    /// <param name="WarmupCalls">Calls per approach before timing, twice, with a pause between for tiered compilation.</param>
    public sealed record Counts(int Rounds, int CallsPerBurst, int WarmupCalls)
    {
        /// <summary>About 20 s per class on the 2-core machine.</summary>
        public static Counts Default { get; } = new(2_000, 200, 100_000);

        /// <summary>Proves the mode runs; measures nothing.</summary>
        public static Counts Smoke { get; } = new(3, 2, 2);
    }

    public static int Run(Counts counts, TextWriter log)
    {
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dispatch, interleaved: {counts.Rounds:N0} rounds of {counts.CallsPerBurst:N0}-call bursts per approach; 1-min load average {LoadAverage():F1} at the start."));
        log.WriteLine();

        var weather = new DispatchWeatherBenchmarks();
        weather.Setup();
        Measure("3-argument tool", counts, log, [
            ("Hand-written floor (FunctionResponse)", () => weather.HandWrittenFloor()),
            ("Generated dispatcher", () => weather.Generated()),
            ("AIFunctionFactory + InvokeAsync", () => weather.AIFunctionFactory()),
            ("Hand-written floor (reused buffer only)", () => weather.HandWrittenReusedBuffer()),
        ], TargetRatios);

        var nested = new DispatchNestedBenchmarks();
        nested.Setup();
        Measure("Nested object + array", counts, log, [
            ("Hand-written floor (FunctionResponse)", () => nested.HandWrittenFloor()),
            ("Generated dispatcher", () => nested.Generated()),
            ("AIFunctionFactory + InvokeAsync", () => nested.AIFunctionFactory()),
        ], TargetRatios);

        var twenty = new DispatchTwentyToolsBenchmarks();
        twenty.Setup();
        Measure("20 tools, calling the last", counts, log, [
            ("Hand-written floor (FunctionResponse)", () => twenty.HandWrittenFloor()),
            ("Generated dispatcher", () => twenty.Generated()),
            ("AIFunctionFactory + InvokeAsync", () => twenty.AIFunctionFactory()),
        ], TargetRatios);

        var variants = new DispatchNestedVariantsBenchmarks();
        variants.Setup();
        Measure("Nested object + array, other ways to read the arguments", counts, log, [
            ("Generated dispatcher (TryGetProperty per member)", () => variants.Generated()),
            ("One Utf8JsonReader pass over the args", () => variants.OnePassReader()),
            ("One EnumerateObject pass per object", () => variants.OneEnumeratePass()),
            ("Receive path: args parsed into a JsonElement", () => variants.ParseArgs()),
        ], [("| one Utf8JsonReader pass ÷ generated", 1, 0), ("| one EnumerateObject pass ÷ generated", 2, 0), ("| parsing the args ÷ generated", 3, 0)]);

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1-min load average at the end: {LoadAverage():F1}."));
        return 0;
    }

    /// <summary>The ratios the targets are stated in, for classes listing the floor, the generated code and AIFunctionFactory first.</summary>
    private static readonly (string Label, int Over, int Under)[] TargetRatios =
        [("| generated ÷ floor", 1, 0), ("| AIFunctionFactory ÷ generated", 2, 1)];

    /// <summary>Times the approaches and prints a table, then a line per ratio (approach indexes).</summary>
    private static void Measure(string title, Counts counts, TextWriter log, (string Name, Action Call)[] approaches, (string Label, int Over, int Under)[] ratios)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            foreach ((_, Action call) in approaches)
            {
                for (int i = 0; i < counts.WarmupCalls; i++)
                {
                    call();
                }
            }

            // Lets the tiered compiler finish the methods the first pass promoted.
            Thread.Sleep(counts.WarmupCalls > 1_000 ? 200 : 0);
        }

        var cpu = new double[approaches.Length];
        var bursts = new double[approaches.Length][];
        for (int a = 0; a < approaches.Length; a++)
        {
            bursts[a] = new double[counts.Rounds];
        }

        for (int round = 0; round < counts.Rounds; round++)
        {
            for (int k = 0; k < approaches.Length; k++)
            {
                int a = (k + round) % approaches.Length;
                Action call = approaches[a].Call;
                double cpuStart = ThreadCpu.Nanoseconds();
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < counts.CallsPerBurst; i++)
                {
                    call();
                }

                bursts[a][round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / counts.CallsPerBurst;
                cpu[a] += ThreadCpu.Nanoseconds() - cpuStart;
            }
        }

        var stats = new Stats[approaches.Length];
        for (int a = 0; a < approaches.Length; a++)
        {
            stats[a] = Stats.Of(bursts[a], cpu[a] / ((double)counts.Rounds * counts.CallsPerBurst));
        }

        log.WriteLine(title + " (ns per call):");
        log.WriteLine();
        log.WriteLine("| Approach | fastest burst | p10 burst | median burst | mean of all bursts | mean thread CPU |");
        log.WriteLine("|---|--:|--:|--:|--:|--:|");
        for (int a = 0; a < approaches.Length; a++)
        {
            Stats s = stats[a];
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {approaches[a].Name} | {s.Min:F1} | {s.P10:F1} | {s.Median:F1} | {s.Mean:F1} | {s.Cpu:F1} |"));
        }

        foreach ((string label, int over, int under) in ratios)
        {
            log.WriteLine(Ratio(label, stats[over], stats[under]));
        }
        log.WriteLine();
    }

    private static string Ratio(string label, Stats over, Stats under) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{label} | {over.Min / under.Min:F2}× | {over.P10 / under.P10:F2}× | {over.Median / under.Median:F2}× | {over.Mean / under.Mean:F2}× | {over.Cpu / under.Cpu:F2}× |");

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    private readonly record struct Stats(double Min, double P10, double Median, double Mean, double Cpu)
    {
        public static Stats Of(double[] bursts, double cpu)
        {
            double[] sorted = (double[])bursts.Clone();
            Array.Sort(sorted);
            return new Stats(sorted[0], sorted[(int)(0.1 * (sorted.Length - 1))], sorted[(sorted.Length - 1) / 2], bursts.Average(), cpu);
        }
    }

    /// <summary>The calling thread's CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>); NaN where that clock is not available.</summary>
    private static class ThreadCpu
    {
        private const int ClockThreadCpuTimeId = 3;

        public static double Nanoseconds()
        {
            if (!OperatingSystem.IsLinux())
            {
                return double.NaN;
            }

            return clock_gettime(ClockThreadCpuTimeId, out TimeSpec time) == 0 ? (time.Seconds * 1e9) + time.Nanoseconds : double.NaN;
        }

        [DllImport("libc", SetLastError = false)]
        private static extern int clock_gettime(int clockId, out TimeSpec time);

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
