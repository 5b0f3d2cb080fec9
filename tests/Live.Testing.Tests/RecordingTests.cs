using System.Net.WebSockets;
using System.Text;

namespace Live.Testing.Tests;

public sealed class RecordingTests
{
    [Fact]
    public async Task Every_frame_is_recorded_both_ways_with_order_time_and_connection()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.ExpectRealtimeInput("hello").SendTextTurn("hi"));
        await using (RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator))
        {
            await client.SendAsync("""{"realtimeInput":{"text":"hello"}}""");
            await client.ReceiveUntilAsync(r => r.Text.Contains("turnComplete", StringComparison.Ordinal));
            await client.CloseAsync();
        }

        await emulator.Connections[0].Completion.WaitAsync(RawLiveClient.Timeout);
        IReadOnlyList<EmulatorFrame> frames = emulator.Frames;

        Assert.Equal(
            ["setup", "setupComplete", "realtimeInput", "serverContent", "serverContent", "serverContent", null, null],
            frames.Select(f => f.MessageType));
        Assert.Equal(
            [FrameDirection.ClientToServer, FrameDirection.ServerToClient, FrameDirection.ClientToServer],
            frames.Take(3).Select(f => f.Direction));
        Assert.Equal(Enumerable.Range(1, frames.Count).Select(i => (long)i), frames.Select(f => f.Sequence));
        Assert.All(frames, f => Assert.Equal(1, f.Connection));
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.First.Elapsed <= p.Second.Elapsed));
        Assert.Equal(ClientMessageKind.RealtimeInput, frames[2].Kind);
        Assert.Equal("hello", frames[2].Text);
        Assert.False(frames[2].IsBinary);
        Assert.True(frames[1].IsBinary);
        Assert.True(frames[^1].IsClose);
        Assert.Equal(1000, frames[^2].CloseStatus);
        Assert.Equal(1000, frames[^1].CloseStatus);
        Assert.Equal("hi", frames[3].Text);
        Assert.Equal(3, emulator.ReceivedFrames.Count);
        Assert.Equal(5, emulator.SentFrames.Count);
        Assert.True(frames[^2].IsClose);
        Assert.Equal(FrameDirection.ClientToServer, frames[^2].Direction);
        Assert.Equal(FrameDirection.ServerToClient, frames[^1].Direction);
    }

    [Fact]
    public async Task WaitForFrameAsync_sees_past_and_future_frames_and_explains_a_timeout()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        EmulatorFrame setup = await emulator.WaitForFrameAsync(f => f.Kind == ClientMessageKind.Setup);
        Task<EmulatorFrame> pending = emulator.WaitForFrameAsync(FrameMatcher.UserText("later"));
        Assert.False(pending.IsCompleted);
        await client.SendAsync("""{"clientContent":{"turns":[{"role":"user","parts":[{"text":"Later, maybe."}]}],"turnComplete":true}}""");
        EmulatorFrame later = await pending;
        LiveEmulatorException timeout = await Assert.ThrowsAsync<LiveEmulatorException>(
            () => emulator.WaitForFrameAsync(FrameMatcher.ToolResponse("x"), TimeSpan.FromMilliseconds(100)));

        Assert.Equal(1, setup.Sequence);
        Assert.Equal("Later, maybe.", later.Text);
        Assert.True(later.TurnComplete);
        Assert.Contains("toolResponse for id \"x\"", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("Later, maybe.", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_connection_takes_its_own_script_and_exposes_its_resumption_handle()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator
            .Script(s => s.SendSessionResumptionUpdate("handle-A").ExpectClientContent().Abort())
            .Script(s => s.SendTextTurn("welcome back"));

        await using (RawLiveClient first = await RawLiveClient.OpenSessionAsync(emulator, """{"model":"models/m","sessionResumption":{}}"""))
        {
            RawLiveClient.Received update = await first.ReceiveAsync();
            string handle = update.Json.GetProperty("sessionResumptionUpdate").GetProperty("newHandle").GetString()!;
            Assert.Equal("handle-A", handle);
            await first.SendAsync("""{"clientContent":{"turnComplete":true}}""");
            await Assert.ThrowsAsync<WebSocketException>(() => first.ReceiveAsync());
        }

        await using RawLiveClient second = await RawLiveClient.OpenSessionAsync(emulator, """{"model":"models/m","sessionResumption":{"handle":"handle-A"}}""");
        RawLiveClient.Received welcome = await second.ReceiveAsync();

        Assert.Contains("welcome back", welcome.Text, StringComparison.Ordinal);
        Assert.Equal(2, emulator.Connections.Count);
        Assert.Null(emulator.Connections[0].ResumptionHandle);
        Assert.True(emulator.Connections[0].Aborted);
        Assert.Equal("handle-A", emulator.Connections[1].ResumptionHandle);
        Assert.All(emulator.Connections[1].Frames, f => Assert.Equal(2, f.Connection));
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task Frames_from_concurrent_connections_arrive_intact_and_in_each_senders_order()
    {
        const int senders = 4;
        const int perSender = 150;
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, senders).Select(async sender =>
        {
            await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);
            for (int i = 0; i < perSender; i++)
            {
                await client.SendAsync($$$"""{"realtimeInput":{"text":"{{{sender}}}:{{{i}}}"}}""");
            }

            await client.CloseAsync();
        }));
        await Task.WhenAll(emulator.Connections.Select(c => c.Completion)).WaitAsync(RawLiveClient.Timeout);

        foreach (EmulatorConnection connection in emulator.Connections)
        {
            string[] texts = connection.ReceivedFrames.Where(f => f.Kind == ClientMessageKind.RealtimeInput).Select(f => f.Text).ToArray();
            string sender = texts[0].Split(':')[0];
            Assert.Equal(Enumerable.Range(0, perSender).Select(i => $"{sender}:{i}"), texts);
        }

        Assert.Equal(senders * perSender, emulator.ReceivedFrames.Count(f => f.Kind == ClientMessageKind.RealtimeInput));
        Assert.Equal(emulator.Frames.Count, emulator.Frames.Select(f => f.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task Binary_client_frames_are_accepted_and_recorded_as_binary()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using RawLiveClient client = await RawLiveClient.ConnectAsync(emulator);

        await client.SendAsync(Encoding.UTF8.GetBytes("""{"setup":{"model":"models/m"}}"""), WebSocketMessageType.Binary);

        Assert.True((await client.ReceiveAsync()).Has("setupComplete"));
        Assert.True(emulator.ReceivedFrames[0].IsBinary);
    }
}
