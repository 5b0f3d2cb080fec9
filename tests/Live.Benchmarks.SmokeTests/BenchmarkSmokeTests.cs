namespace Live.Benchmarks.SmokeTests;

public class BenchmarkSmokeTests
{
    [Fact]
    public async Task Every_benchmark_sets_up_checks_equal_outputs_and_runs()
    {
        using var log = new StringWriter();
        bool ok = await Smoke.RunAsync(log);
        Assert.True(ok, log.ToString());
        Assert.DoesNotContain("FAIL", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("DispatchWeatherBenchmarks", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_interleaved_dispatch_mode_checks_equal_outputs_times_every_class_and_prints_the_ratios()
    {
        using var log = new StringWriter();
        int exit = Live.Benchmarks.Modes.DispatchInterleaved.Run(Live.Benchmarks.Modes.DispatchInterleaved.Counts.Smoke, log);
        Assert.Equal(0, exit);
        string table = log.ToString();
        Assert.Contains("Nested object + array (ns per call):", table, StringComparison.Ordinal);
        Assert.Contains("20 tools, calling the last (ns per call):", table, StringComparison.Ordinal);
        Assert.Equal(3, table.Split("| AIFunctionFactory ÷ generated |").Length - 1);
        Assert.Contains("| one Utf8JsonReader pass ÷ generated |", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_peer_mode_runs_its_server_and_the_library_clients_in_their_own_processes_and_prints_the_table()
    {
        using var log = new StringWriter();
        int exit = await Live.Benchmarks.Modes.Peer.RunAsync(Live.Benchmarks.Modes.Peer.Counts.Smoke, includeNode: false, log);
        Assert.Equal(0, exit);
        string table = log.ToString();
        Assert.Contains("| | Live.Tools manual | Live.Tools manual, pooled | Live.Tools RunWithToolsAsync |", table, StringComparison.Ordinal);
        Assert.Contains("| tool round trip p50 (µs) |", table, StringComparison.Ordinal);
        Assert.Contains("| first connect in a fresh process (ms) |", table, StringComparison.Ordinal);
    }
}
