using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Live.Reliability.Tests.Network;
using Live.Tools;
using Xunit.Abstractions;
using static Live.Reliability.Tests.Network.RawClients;

namespace Live.Reliability.Tests;

/// <summary>
/// The cancellation promise under load, over loopback: 10,000 calls in 100 toolCall messages, 1,000 cancellations at
/// random moments (while a call waits for a slot, runs, or finished and waits for its batch), in both response modes.
/// No cancelled id is ever answered, every other call is answered exactly once, and the memory goes back to where it was.
/// Runs alone (no parallel tests) so that the heap figure is its own.
/// </summary>
[Collection(Infrastructure.FuzzCollection.Name)]
public class ToolStormTests(ITestOutputHelper output)
{
    private const int Messages = 100;
    private const int CallsPerMessage = 100;
    private const int Cancellations = 1_000;

    public static TheoryData<bool> Modes => new() { false, true };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Ten_thousand_calls_with_a_thousand_random_cancellations_answer_no_cancelled_id_and_every_other_once(bool respondImmediately)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseline = GC.GetTotalMemory(true);

        var random = new Random(respondImmediately ? 1201 : 1202);
        var ids = new List<string>();
        var batchOf = new Dictionary<string, int>();
        for (int m = 0; m < Messages; m++)
        {
            for (int c = 0; c < CallsPerMessage; c++)
            {
                string id = $"m{m:D3}c{c:D3}";
                ids.Add(id);
                batchOf[id] = m;
            }
        }

        var tools = new GatedTools();
        await using var server = new RawLiveServer(peer => peer.CompleteSetupAsync());
        var answered = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var cancelled = new HashSet<string>(StringComparer.Ordinal);
        var released = new HashSet<string>(StringComparer.Ordinal);

        await using (AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(false, "work")))
        {
            RawPeer peer = server.Peers[0];
            var dispatched = new ConcurrentQueue<string>();
            var signal = new SemaphoreSlim(0);
            using var stop = new CancellationTokenSource();
            var options = new LiveToolOptions { RespondImmediately = respondImmediately, MaxConcurrency = ids.Count };
            Task loop = Task.Run(async () =>
            {
                // ReceiveWithToolsAsync yields each message after the loop dispatched it: the test knows a cancellation took effect.
                await foreach (LiveServerMessage message in session.ReceiveWithToolsAsync(tools, options, stop.Token))
                {
                    if (message.ToolCallCancellation is not null)
                    {
                        signal.Release();
                    }
                }
            });
            Task counting = CountAnswersAsync(peer, answered, stop.Token);

            for (int m = 0; m < Messages; m++)
            {
                await peer.SendTextAsync(ToolCalls(ids.Skip(m * CallsPerMessage).Take(CallsPerMessage)));
            }

            int rounds = 40;
            for (int round = 0; round < rounds; round++)
            {
                // Cancel some calls whose answer cannot have gone out yet: in a batch that still waits for a call that is
                // neither released nor cancelled (immediate mode: calls not released).
                List<string> toCancel = PickCancellations(random, ids, batchOf, released, cancelled, respondImmediately, Cancellations / rounds);
                if (toCancel.Count > 0)
                {
                    cancelled.UnionWith(toCancel);
                    await peer.SendTextAsync("{\"toolCallCancellation\":{\"ids\":" + JsonSerializer.Serialize(toCancel) + "}}");
                    Assert.True(await signal.WaitAsync(HangLimit), "the cancellation was not dispatched");
                }

                // Then let some calls finish (the last round: all of them).
                IEnumerable<string> toRelease = round == rounds - 1
                    ? ids.Where(id => !released.Contains(id))
                    : ids.Where(id => !released.Contains(id)).OrderBy(_ => random.Next()).Take(ids.Count / rounds).ToList();
                foreach (string id in toRelease)
                {
                    released.Add(id);
                    tools.Release(id);
                }
            }

            int expected = ids.Count - cancelled.Count;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (answered.Values.Sum() < expected && waited.Elapsed < HangLimit)
            {
                await Task.Delay(20);
            }

            await Task.Delay(300); // anything late (a cancelled id answered after all) would arrive by now
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.WaitAsync(HangLimit));
            await session.CloseAsync();
            await counting.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        int answeredCancelled = cancelled.Count(id => answered.ContainsKey(id));
        int missing = ids.Count(id => !cancelled.Contains(id) && !answered.ContainsKey(id));
        int duplicated = answered.Count(pair => pair.Value > 1);
        tools.Clear();
        answered.Clear();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long after = GC.GetTotalMemory(true);
        output.WriteLine(
            $"{(respondImmediately ? "RespondImmediately" : "batched")}: {ids.Count} calls, {cancelled.Count} cancelled; cancelled ids answered: {answeredCancelled}, "
            + $"others not answered: {missing}, answered twice: {duplicated}; heap {baseline / 1048576.0:0.0} MiB before, {after / 1048576.0:0.0} MiB after");
        Assert.Equal(Cancellations, cancelled.Count);
        Assert.Equal(0, answeredCancelled);
        Assert.Equal(0, missing);
        Assert.Equal(0, duplicated);
        Assert.True(after - baseline < 16 * 1048576, $"the heap grew by {(after - baseline) / 1048576.0:0.0} MiB");
    }

    private static List<string> PickCancellations(
        Random random, List<string> ids, Dictionary<string, int> batchOf, HashSet<string> released, HashSet<string> cancelled, bool immediate, int count)
    {
        var open = new Dictionary<int, int>(); // batch -> calls neither released nor cancelled
        foreach (string id in ids)
        {
            if (!released.Contains(id) && !cancelled.Contains(id))
            {
                open[batchOf[id]] = open.GetValueOrDefault(batchOf[id]) + 1;
            }
        }

        var picked = new List<string>();
        foreach (string id in ids.OrderBy(_ => random.Next()))
        {
            if (picked.Count == count)
            {
                break;
            }

            if (cancelled.Contains(id) || picked.Contains(id))
            {
                continue;
            }

            bool isOpen = !released.Contains(id);
            if (immediate)
            {
                if (isOpen)
                {
                    picked.Add(id);
                }

                continue;
            }

            // Batched: the batch must keep one open call after this round's cancellations, so it cannot go out meanwhile.
            int batch = batchOf[id];
            int left = open.GetValueOrDefault(batch) - (isOpen ? 1 : 0);
            if (left >= 1)
            {
                picked.Add(id);
                open[batch] = left;
            }
        }

        return picked;
    }

    private static string ToolCalls(IEnumerable<string> ids) =>
        "{\"toolCall\":{\"functionCalls\":[" + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\",\"name\":\"work\",\"args\":{}}")) + "]}}";

    private static async Task CountAnswersAsync(RawPeer peer, ConcurrentDictionary<string, int> answered, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string text;
            try
            {
                text = await peer.NextTextAsync(TimeSpan.FromMinutes(2)).WaitAsync(cancellationToken);
            }
            catch (Exception)
            {
                return;
            }

            using JsonDocument json = JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("toolResponse", out JsonElement response))
            {
                foreach (JsonElement item in response.GetProperty("functionResponses").EnumerateArray())
                {
                    answered.AddOrUpdate(item.GetProperty("id").GetString()!, 1, static (_, n) => n + 1);
                }
            }
        }
    }

    /// <summary>One function, <c>work</c>, whose calls finish when the test releases their id.</summary>
    private sealed class GatedTools : ILiveToolSet
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);

        public IReadOnlyList<FunctionDeclaration> FunctionDeclarations { get; } = [new() { Name = "work", Description = "A test function." }];

        public bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool)
        {
            tool = null;
            return false;
        }

        public void Release(string id) => Gate(id).TrySetResult();

        public void Clear() => _gates.Clear();

        public async ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
        {
            await Gate(call.Id!).Task.WaitAsync(cancellationToken);
            return FunctionResponse.FromUtf8Json(call.Id, call.Name, "{\"output\":\"done\"}"u8.ToArray());
        }

        private TaskCompletionSource Gate(string id) => _gates.GetOrAdd(id, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
