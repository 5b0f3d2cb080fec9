using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Live.Benchmarks.Modes;

namespace Live.Benchmarks;

/// <summary>
/// Modes: <c>--smoke</c>; <c>--cold-start [runs]</c>; <c>--round-trip [round trips]</c>; <c>--scale [sessions] [rounds] [period ms] [--emulator-in-child]</c>; <c>--relay [frames] [sessions] [seconds]</c>; <c>--peer [--quick] [--no-node]</c> (against the JavaScript SDK, see Modes/Peer.cs); <c>--dispatch-interleaved [rounds]</c> (the dispatch classes timed in alternating bursts, see Modes/DispatchInterleaved.cs); otherwise BenchmarkDotNet's
/// own arguments (<c>--filter</c>, <c>--job</c>, …).
/// </summary>
public static class EntryPoint
{
    public static async Task<int> RunAsync(string[] args)
    {
        long start = Stopwatch.GetTimestamp();
        string mode = args.Length > 0 ? args[0] : "";
        int Count(int fallback) => args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : fallback;
        switch (mode)
        {
            case "--smoke":
                bool ok = await Smoke.RunAsync(Console.Out);
                ok &= await RoundTrip.RunAsync(200, 50, Console.Out) == 0;
                ok &= await Scale.RunAsync(20, 2, 500, emulatorInChild: false, Console.Out) == 0;
                return ok ? 0 : 1;
            case "--cold-start-child":
                return ColdStart.Child(args[1], start);
            case "--cold-start":
                return await ColdStart.RunAsync(Count(10), Console.Out);
            case "--round-trip":
                return await RoundTrip.RunAsync(Count(20_000), 2_000, Console.Out);
            case "--scale":
                return await Scale.RunAsync(
                    Count(1_000),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3,
                    args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1_000,
                    emulatorInChild: args.Contains("--emulator-in-child"),
                    Console.Out);
            case "--relay":
                return await Relay.RunAsync(
                    Count(5_000),
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200,
                    args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5,
                    Console.Out);
            case "--peer":
                return await Peer.RunAsync(
                    args.Contains("--quick") ? Peer.Counts.Default with { Rtt = 3_000, RttWarmup = 2_000, Recv = 10_000, RecvWarmup = 2_000, Send = 10_000, SendWarmup = 2_000 } : Peer.Counts.Default,
                    includeNode: !args.Contains("--no-node"),
                    Console.Out);
            case "--dispatch-interleaved":
                return DispatchInterleaved.Run(DispatchInterleaved.Counts.Default with { Rounds = Count(DispatchInterleaved.Counts.Default.Rounds) }, Console.Out);
            case "--peer-server":
                return await Peer.ServeAsync();
            case "--peer-client":
                return await PeerClient.RunAsync(args[1], args, start);
            case "--emulator-host":
                return await Scale.HostEmulatorAsync();
            default:
                BenchmarkSwitcher.FromAssembly(typeof(EntryPoint).Assembly).Run(args);
                return 0;
        }
    }
}
