using System.Diagnostics;
using Live.Reliability.Tests.Infrastructure;
using Live.Tools;
using Xunit.Abstractions;

namespace Live.Reliability.Tests;

/// <summary>
/// Dispatcher fuzzing: mutated argument objects against a generated tool set. Every call is answered with an output
/// or an error, no exception escapes, nothing hangs.
/// </summary>
[Collection(FuzzCollection.Name)]
public class DispatcherFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerCallLimit = TimeSpan.FromSeconds(5);

    [Fact(Timeout = 240_000)]
    public async Task Every_mutated_call_is_answered_with_an_output_or_an_error()
    {
        int total = FuzzBudget.Arguments;
        ILiveToolSet tools = new FuzzTools();
        var mutator = new ArgumentMutator(FuzzBudget.Seed);
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        TimeSpan slowest = TimeSpan.Zero;
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        int done = 0;
        for (; done < total && clock.Elapsed < FuzzBudget.TimeLimit; done++)
        {
            FunctionCall call = mutator.Next(done, out string kind);
            long started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                ValueTask<FunctionResponse> pending = tools.InvokeAsync(call, CancellationToken.None);
                FunctionResponse response = pending.IsCompleted ? await pending : await pending.AsTask().WaitAsync(PerCallLimit);
                outcome = Classify(response, call, failures);
            }
            catch (Exception ex)
            {
                outcome = "escaped";
                if (failures.Count < 20)
                {
                    failures.Add($"{kind}: {ex.GetType().FullName}: {ex.Message} for {ArgumentMutator.Show(call)}");
                }
            }

            TimeSpan took = Stopwatch.GetElapsedTime(started);
            slowest = took > slowest ? took : slowest;
            string key = kind + " -> " + outcome;
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }

        clock.Stop();
        long memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"Dispatcher fuzzing: {done:N0} argument objects against {tools.FunctionDeclarations.Count} generated tools, seed {FuzzBudget.Seed}, in {clock.Elapsed.TotalSeconds:0.0} s; slowest call {slowest.TotalMilliseconds:0.0} ms; live memory {memoryBefore / 1024:N0} → {memoryAfter / 1024:N0} KiB.");
        foreach ((string key, int count) in outcomes)
        {
            output.WriteLine($"  {key}: {count:N0}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(total, done);
        Assert.Contains(outcomes.Keys, k => k.StartsWith("valid -> output", StringComparison.Ordinal));
        Assert.DoesNotContain(outcomes.Keys, k => k.StartsWith("valid -> error", StringComparison.Ordinal));
        Assert.DoesNotContain(outcomes.Keys, k => k.StartsWith("unknown_function -> output", StringComparison.Ordinal));
        Assert.True(slowest < PerCallLimit, $"slowest call {slowest}");
        Assert.True(memoryAfter - memoryBefore < 32 * 1024 * 1024);
    }

    [Fact(Timeout = 120_000)]
    public async Task Mutated_calls_through_the_tool_loop_are_each_answered_once()
    {
        const int Calls = 2_000;
        var tools = new FuzzTools();
        QueueTransport? transport = null;
        // Arguments nested deeper than the default MaxJsonDepth would (rightly) end the session; here they reach the tools.
        var client = new Client(QueueTransport.Options(t => transport = t, new ClientOptions { ApiKey = "fuzz-key", MaxJsonDepth = 4096 }));
        await using AsyncSession session = await client.Live.ConnectAsync("fuzz-model", new LiveConnectConfig { Tools = [tools.ToTool()] });
        transport!.RecordSends = true;
        var mutator = new ArgumentMutator(FuzzBudget.Seed + 1);
        for (int i = 0; i < Calls; i++)
        {
            FunctionCall call = mutator.Next(i, out _);
            string args = call.Args is { } a ? ",\"args\":" + a.GetRawText() : string.Empty;
            transport.EnqueueText($"{{\"toolCall\":{{\"functionCalls\":[{{\"id\":\"{call.Id}\",\"name\":\"{call.Name}\"{args}}}]}}}}");
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task loop = session.RunWithToolsAsync(tools, cancellationToken: stop.Token);
        var clock = Stopwatch.StartNew();
        while (transport.ToolResponseIds.Count < Calls && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        await session.CloseAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        string[] answered = [.. transport.ToolResponseIds];
        output.WriteLine($"Tool loop: {Calls:N0} fuzzed calls, {answered.Length:N0} responses in {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(Calls, answered.Length);
        Assert.Equal(Enumerable.Range(0, Calls).Select(i => "call-" + i).Order(StringComparer.Ordinal), answered.Order(StringComparer.Ordinal));
    }

    private static string Classify(FunctionResponse response, FunctionCall call, List<string> failures)
    {
        if (response is null)
        {
            failures.Add("null response for " + ArgumentMutator.Show(call));
            return "null";
        }

        if (response.Id != call.Id || response.Name != call.Name)
        {
            failures.Add($"response id/name {response.Id}/{response.Name} for {ArgumentMutator.Show(call)}");
        }

        if (response.Response is not { } body || (body["output"] is null && body["error"] is null && !response.IsError))
        {
            failures.Add($"neither output nor error ({response.Response?.ToJsonString()}) for {ArgumentMutator.Show(call)}");
            return "empty";
        }

        if (response.IsError)
        {
            string? error = body["error"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(error))
            {
                failures.Add($"an error without a message for {ArgumentMutator.Show(call)}");
            }

            return "error";
        }

        return "output";
    }
}
