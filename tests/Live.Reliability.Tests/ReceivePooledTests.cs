using System.Text;
using Live.Reliability.Tests.Infrastructure;

namespace Live.Reliability.Tests;

/// <summary>
/// <see cref="AsyncSession.ReceivePooledAsync"/> through a session: the same messages as <see cref="AsyncSession.ReceiveAsync"/>,
/// in order, with a bad frame reported the same way and the next message not lost; audio in pooled arrays until the
/// lease is disposed.
/// </summary>
public class ReceivePooledTests
{
    [Fact(Timeout = 60_000)]
    public async Task Pooled_receive_yields_the_same_messages_and_gives_the_audio_back_on_dispose()
    {
        QueueTransport? transport = null;
        var client = new Client(QueueTransport.Options(t => transport = t));
        await using AsyncSession session = await client.Live.ConnectAsync("pooled-model");
        byte[] pcm = new byte[3200];
        new Random(11).NextBytes(pcm);
        string audio = "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pcm;rate=24000\",\"data\":\"" + Convert.ToBase64String(pcm) + "\"}}]}}}";

        IAsyncEnumerator<LiveServerMessageLease> leases = session.ReceivePooledAsync().GetAsyncEnumerator();
        Assert.True(await leases.MoveNextAsync());
        using (LiveServerMessageLease setup = leases.Current)
        {
            Assert.NotNull(setup.Message.SetupComplete); // read before setupComplete was delivered: not pooled
            Assert.False(setup.HasPooledData);
        }

        transport!.Enqueue(Encoding.UTF8.GetBytes(audio), binary: true);
        transport.EnqueueText("{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"hi\"}],\"role\":\"model\"}}}");
        transport.EnqueueText("{\"serverContent\":{\"modelTurn\":"); // malformed: reported, the session goes on
        transport.EnqueueText("{\"serverContent\":{\"turnComplete\":true},\"futureField\":{\"x\":1}}");

        Assert.True(await leases.MoveNextAsync());
        LiveServerMessageLease first = leases.Current;
        Blob blob = first.Message.ServerContent!.ModelTurn!.Parts![0].InlineData!;
        Assert.True(first.HasPooledData);
        Assert.Equal(pcm, first.Message.Data!.Value.ToArray());
        Assert.Equal("audio/pcm;rate=24000", blob.MimeType);
        first.Dispose();
        Assert.True(blob.Data.IsEmpty);
        Assert.Null(first.Message.Data);

        Assert.True(await leases.MoveNextAsync());
        using (LiveServerMessageLease text = leases.Current)
        {
            Assert.Equal("hi", text.Message.Text);
            Assert.False(text.HasPooledData);
        }

        LiveProtocolException error = await Assert.ThrowsAsync<LiveProtocolException>(async () => await leases.MoveNextAsync());
        Assert.False(error.IsFatal);
        await leases.DisposeAsync();

        // A new enumeration (pooled or not) goes on with the next message, read by the serializer (unknown member).
        await foreach (LiveServerMessage message in session.ReceiveAsync())
        {
            Assert.True(message.ServerContent!.TurnComplete);
            Assert.Equal(1, message.AdditionalProperties!["futureField"].GetProperty("x").GetInt32());
            break;
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Only_one_reader_at_a_time_across_both_receive_methods()
    {
        QueueTransport? transport = null;
        var client = new Client(QueueTransport.Options(t => transport = t));
        await using AsyncSession session = await client.Live.ConnectAsync("pooled-model");
        IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        Assert.True(await messages.MoveNextAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await session.ReceivePooledAsync().GetAsyncEnumerator().MoveNextAsync());
        await messages.DisposeAsync();
    }
}
