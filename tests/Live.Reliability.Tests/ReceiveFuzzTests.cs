using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Live.Reliability.Tests.Infrastructure;
using Live.Serialization;
using Live.Session;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Live.Reliability.Tests;

/// <summary>
/// Receive-path fuzzing: frames derived from the server_* vectors go through the client's parser (the connection's
/// receive, which reads, parses, enforces the depth limit) and, for a sample, through <see cref="AsyncSession.ReceiveAsync"/>.
/// Each frame either parses or raises a <see cref="LiveProtocolException"/> with a message; nothing else escapes.
/// </summary>
[Collection(FuzzCollection.Name)]
public class ReceiveFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerFrameLimit = TimeSpan.FromSeconds(5);

    [Fact(Timeout = 240_000)]
    public async Task Fuzzed_frames_parse_or_raise_a_protocol_exception_and_memory_stays_bounded()
    {
        int total = FuzzBudget.Frames;
        var mutator = new FrameMutator(FuzzBudget.Seed, FrameMutator.LoadSeeds());
        var transport = new QueueTransport { EchoClose = false };
        var connection = new LiveConnection(transport, LiveJsonContext.Create(ClientOptions.DefaultMaxJsonDepth), ClientOptions.DefaultMaxJsonDepth, NullLogger.Instance);
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var unknownFieldSamples = new List<string>();
        int unknownFieldFrames = 0, unknownFieldParsed = 0;
        TimeSpan slowest = TimeSpan.Zero;
        long fedBytes = 0;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        int done = 0;
        for (; done < total && clock.Elapsed < FuzzBudget.TimeLimit; done++)
        {
            byte[] frame = mutator.Next(out string kind);
            fedBytes += frame.Length;
            bool seedIsMessage = kind == "unknown_field";
            transport.Enqueue(frame, binary: done % 2 == 0);
            long started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                ValueTask<ReceivedFrame> pending = connection.ReceiveAsync(CancellationToken.None);
                ReceivedFrame received = pending.IsCompleted ? await pending : await pending.AsTask().WaitAsync(PerFrameLimit);
                outcome = received.IsClose ? "close" : "parsed";
            }
            catch (LiveProtocolException ex)
            {
                outcome = ex.IsFatal ? "protocol_error_fatal" : "protocol_error";
                if (kind == "unknown_field" && unknownFieldSamples.Count < 5)
                {
                    unknownFieldSamples.Add(ex.Message + " for frame " + Show(frame));
                }
                if (string.IsNullOrWhiteSpace(ex.Message) || ex.FrameExcerpt is null || ex.FrameExcerpt.Length > 201)
                {
                    failures.Add($"{kind}: a LiveProtocolException without a proper message or excerpt: '{ex.Message}'");
                }
            }
            catch (Exception ex)
            {
                outcome = "escaped";
                if (failures.Count < 20)
                {
                    failures.Add($"{kind}: {ex.GetType().FullName}: {ex.Message} for frame {Show(frame)}");
                }
            }

            TimeSpan took = Stopwatch.GetElapsedTime(started);
            slowest = took > slowest ? took : slowest;
            if (took > PerFrameLimit)
            {
                failures.Add($"{kind}: took {took.TotalMilliseconds:0} ms for frame {Show(frame)}");
            }

            if (seedIsMessage)
            {
                unknownFieldFrames++;
                unknownFieldParsed += outcome == "parsed" ? 1 : 0;
            }

            string key = kind + " -> " + outcome;
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }

        long allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        clock.Stop();

        output.WriteLine($"Receive-path fuzzing: {done:N0} frames ({fedBytes / (1024.0 * 1024.0):0.0} MiB) from {mutator.SeedCount} seed frames, seed {FuzzBudget.Seed}, in {clock.Elapsed.TotalSeconds:0.0} s; slowest frame {slowest.TotalMilliseconds:0.0} ms.");
        output.WriteLine($"Memory: {memoryBefore / 1024:N0} KiB before, {memoryAfter / 1024:N0} KiB after (live); {allocated / (1024 * 1024):N0} MiB allocated in all.");
        output.WriteLine($"Unknown fields: {unknownFieldParsed:N0} of {unknownFieldFrames:N0} frames with an added unknown field parsed.");
        foreach ((string key, int count) in outcomes)
        {
            output.WriteLine($"  {key}: {count:N0}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(total, done); // the time cap was not hit
        Assert.True(unknownFieldFrames == unknownFieldParsed, "unknown fields were not ignored:\n" + string.Join("\n", unknownFieldSamples));
        Assert.Contains(outcomes.Keys, k => k.EndsWith("-> parsed", StringComparison.Ordinal));
        Assert.Contains(outcomes.Keys, k => k.EndsWith("-> protocol_error", StringComparison.Ordinal));
        Assert.Contains(outcomes.Keys, k => k.EndsWith("-> protocol_error_fatal", StringComparison.Ordinal));
        Assert.True(memoryAfter - memoryBefore < 32 * 1024 * 1024, $"live memory grew by {(memoryAfter - memoryBefore) / 1024:N0} KiB");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_sample_through_ReceiveAsync_never_loses_the_next_good_message()
    {
        int total = FuzzBudget.SessionFrames;
        var mutator = new FrameMutator(FuzzBudget.Seed + 1, FrameMutator.LoadSeeds());
        QueueTransport? transport = null;
        var client = new Client(QueueTransport.Options(t => transport = t));
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        int sessions = 0;
        AsyncSession session = await client.Live.ConnectAsync("fuzz-model");
        sessions++;
        IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        Assert.True(await messages.MoveNextAsync()); // setupComplete

        var clock = Stopwatch.StartNew();
        int done = 0;
        for (; done < total && clock.Elapsed < FuzzBudget.TimeLimit; done++)
        {
            byte[] frame = mutator.Next(out string kind);
            transport!.Enqueue(frame, binary: done % 2 == 1);
            string sentinel = $"{{\"usageMetadata\":{{\"totalTokenCount\":{done}}}}}";
            transport.EnqueueText(sentinel);
            string outcome;
            bool ended = false;
            using var timeout = new CancellationTokenSource(PerFrameLimit);
            try
            {
                Assert.True(await messages.MoveNextAsync().AsTask().WaitAsync(timeout.Token));
                outcome = messages.Current.UsageMetadata?.TotalTokenCount == done ? "parsed_as_sentinel" : "parsed";
            }
            catch (LiveProtocolException ex) when (!ex.IsFatal)
            {
                outcome = "protocol_error";
                await messages.DisposeAsync(); // as the tool loop does: a new enumeration goes on after the bad frame
                messages = session.ReceiveAsync().GetAsyncEnumerator();
            }
            catch (LiveProtocolException)
            {
                outcome = "protocol_error_fatal";
                ended = true;
                Assert.True(session.IsClosed);
            }
            catch (Exception ex)
            {
                outcome = "escaped";
                failures.Add($"{kind}: {ex.GetType().FullName}: {ex.Message} for frame {Show(frame)}");
                ended = true;
            }

            if (!ended && outcome != "parsed_as_sentinel")
            {
                // The good message after the bad (or odd) frame must come next.
                try
                {
                    Assert.True(await messages.MoveNextAsync().AsTask().WaitAsync(timeout.Token));
                    if (messages.Current.UsageMetadata?.TotalTokenCount != done)
                    {
                        failures.Add($"{kind}: the message after the frame was not the sentinel: {messages.Current}");
                    }
                }
                catch (Exception ex)
                {
                    failures.Add($"{kind}: the sentinel after the frame was lost ({ex.GetType().Name}: {ex.Message}) for frame {Show(frame)}");
                    ended = true;
                }
            }

            if (ended)
            {
                await messages.DisposeAsync();
                await session.DisposeAsync();
                session = await client.Live.ConnectAsync("fuzz-model");
                sessions++;
                messages = session.ReceiveAsync().GetAsyncEnumerator();
                Assert.True(await messages.MoveNextAsync());
            }

            string key = kind + " -> " + outcome;
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }

        await messages.DisposeAsync();
        await session.DisposeAsync();
        output.WriteLine($"ReceiveAsync fuzzing: {done:N0} frames, each followed by a good message, over {sessions} session(s) in {clock.Elapsed.TotalSeconds:0.0} s.");
        foreach ((string key, int count) in outcomes)
        {
            output.WriteLine($"  {key}: {count:N0}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(total, done);
    }

    [Fact]
    public void Every_mutation_kind_is_deterministic_for_a_seed()
    {
        var first = new FrameMutator(7, FrameMutator.LoadSeeds());
        var second = new FrameMutator(7, FrameMutator.LoadSeeds());
        for (int i = 0; i < 500; i++)
        {
            Assert.Equal(first.Next(out string kindA), second.Next(out string kindB));
            Assert.Equal(kindA, kindB);
        }
    }

    private static string Show(byte[] frame)
    {
        string text = Encoding.UTF8.GetString(frame.AsSpan(0, Math.Min(frame.Length, 160)));
        return JsonSerializer.Serialize(text) + (frame.Length > 160 ? $" … ({frame.Length} bytes)" : string.Empty);
    }
}
