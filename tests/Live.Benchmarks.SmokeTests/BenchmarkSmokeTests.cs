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
}
