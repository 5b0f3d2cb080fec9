using System.Text;
using Live.Reliability.Tests.Network;
using Xunit.Abstractions;
using static Live.Reliability.Tests.Network.RawClients;

namespace Live.Reliability.Tests;

/// <summary>
/// Memory bounded by bytes: a message small on the wire but huge once parsed is refused before parsing, and a slow
/// consumer holds at most <see cref="ClientOptions.MaxReceiveQueueBytes"/> of unread messages. Run alone (no parallel
/// tests) so that the heap figures are this test's own.
/// </summary>
[Collection(Infrastructure.FuzzCollection.Name)]
public class AmplificationTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_message_of_millions_of_empty_parts_is_refused_before_parsing_and_the_heap_stays_small()
    {
        // 15.9 MiB on the wire, under MaxIncomingMessageBytes: about 5.5 million empty parts.
        string prefix = "{\"serverContent\":{\"modelTurn\":{\"parts\":[";
        int parts = (int)((15.9 * MiB - prefix.Length - 4) / 3);
        var json = new StringBuilder(prefix, (int)(16 * MiB));
        json.Append("{}");
        for (int i = 1; i < parts; i++)
        {
            json.Append(",{}");
        }

        json.Append("]}}}");
        byte[] payload = Encoding.ASCII.GetBytes(json.ToString());
        json.Clear();
        Assert.True(payload.Length < ClientOptions.DefaultMaxIncomingMessageBytes);

        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync();
            await peer.SendFrameAsync(0x1, payload);
        });

        await using AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(false));
        await using var heap = Infrastructure.HeapSampler.Start();
        var ex = await Assert.ThrowsAsync<LiveProtocolException>(() => session.ReceiveAsync().GetAsyncEnumerator().DrainAsync());
        long peak = heap.PeakGrowth;
        Assert.Contains("MaxParsedMessageBytes", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsFatal);
        Assert.Equal(1009, ex.CloseCode);

        // Bound: the raw message (twice: socket buffer growth) plus the parse limit, far under the 621 MiB it cost before.
        long bound = 2 * ClientOptions.DefaultMaxIncomingMessageBytes + ClientOptions.DefaultMaxParsedMessageBytes;
        output.WriteLine($"{payload.Length / (double)MiB:0.0} MiB of empty parts ({parts:N0}): peak heap growth {peak / (double)MiB:0.0} MiB (bound {bound / MiB} MiB)");
        Assert.True(peak < bound, $"peak heap growth {peak / MiB} MiB");
    }

    [Fact]
    public async Task Twenty_large_messages_to_a_slow_consumer_hold_at_most_the_receive_queue_budget()
    {
        const int Count = 20;
        string text = new('a', (int)(15.9 * MiB) - 200);
        byte[] payload = Encoding.ASCII.GetBytes(TextTurn(text));
        text = "";
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync();
            for (int i = 0; i < Count; i++)
            {
                await peer.SendFrameAsync(0x1, payload);
            }
        });

        await using AsyncSession session = await Create(server.BaseUrl, o =>
        {
            o.KeepAliveInterval = ClientOptions.DefaultKeepAliveInterval;
            o.KeepAliveTimeout = ClientOptions.DefaultKeepAliveTimeout;
        }).Live.ConnectAsync(Model, Config(false));
        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        await messages.ReadUntilAsync(m => m.SetupComplete is not null);
        await using var heap = Infrastructure.HeapSampler.Start();

        // The consumer does not read for a while: what does the client hold?
        await Task.Delay(1500);
        long beforeFirstRead = heap.PeakGrowth;
        long heldBeforeFirstRead = GC.GetTotalMemory(forceFullCollection: true) - heap.Baseline;
        int read = 0;
        long heldWhileReading = 0;
        while (read < Count)
        {
            Assert.True(await messages.MoveNextAsync().AsTask().WaitAsync(HangLimit));
            if (messages.Current.ServerContent?.ModelTurn is not null)
            {
                read++;

                // What the client holds with one message in the consumer's hands (garbage collected first).
                heldWhileReading = Math.Max(heldWhileReading, GC.GetTotalMemory(forceFullCollection: true) - heap.Baseline);
                await Task.Delay(20); // a slow consumer
            }
        }

        long peakWhileReading = heap.PeakGrowth;
        long limits = ClientOptions.DefaultMaxReceiveQueueBytes + ClientOptions.DefaultMaxIncomingMessageBytes + ClientOptions.DefaultMaxParsedMessageBytes;
        output.WriteLine(
            $"{Count} x {payload.Length / (double)MiB:0.0} MiB to a slow consumer: before the first read {heldBeforeFirstRead / (double)MiB:0.0} MiB held "
            + $"(heap peak {beforeFirstRead / (double)MiB:0.0} MiB); while reading at most {heldWhileReading / (double)MiB:0.0} MiB held, heap peak "
            + $"{peakWhileReading / (double)MiB:0.0} MiB (garbage included, as the GC leaves it); documented bound of what is held: {limits / MiB} MiB");
        Assert.True(heldBeforeFirstRead < limits, $"held {heldBeforeFirstRead / MiB} MiB before the first read");
        Assert.True(heldWhileReading < limits, $"held {heldWhileReading / MiB} MiB while reading");
    }
}
