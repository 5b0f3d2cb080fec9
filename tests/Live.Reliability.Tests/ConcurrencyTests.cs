using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Live.Testing;
using Xunit.Abstractions;
using static Live.Reliability.Tests.Infrastructure.EmulatorClients;

namespace Live.Reliability.Tests;

/// <summary>Many senders at once over a real loopback socket to the emulator.</summary>
public class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Senders = 8;
    private const int FramesPerSender = 1_250; // 10,000 in all

    [Fact(Timeout = 120_000)]
    public async Task Eight_senders_of_audio_text_and_tool_responses_every_frame_arrives_intact_in_each_senders_order()
    {
        await using LiveEmulator emulator = await StartAsync();
        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, new LiveConnectConfig { ResponseModalities = [Modality.Text] });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Task[] senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (int seq = 0; seq < FramesPerSender; seq++)
            {
                switch (sender % 3)
                {
                    case 0:
                        await session.SendAudioAsync(Audio(sender, seq));
                        break;
                    case 1:
                        await session.SendTextAsync($"s{sender}-{seq}");
                        break;
                    default:
                        await session.SendToolResponseAsync(new FunctionResponse
                        {
                            Id = $"s{sender}-{seq}",
                            Name = "report",
                            Response = new JsonObject { ["output"] = new JsonObject { ["sender"] = sender, ["seq"] = seq } },
                        });
                        break;
                }
            }
        })).ToArray();

        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(90));
        await session.CloseAsync();
        EmulatorConnection connection = emulator.Connections[0];
        await connection.Completion.WaitAsync(TestTimeout);
        clock.Stop();

        var seen = new int[Senders];
        int frames = 0;
        foreach (EmulatorFrame frame in connection.ReceivedFrames.Where(f => f.Kind is ClientMessageKind.RealtimeInput or ClientMessageKind.ToolResponse))
        {
            frames++;
            (int sender, int seq) = frame.Kind switch
            {
                ClientMessageKind.ToolResponse => ParseTag(frame.FunctionResponses.Single().Id!),
                _ when frame.Text.Length > 0 => ParseTag(frame.Text),
                _ => ReadAudio(frame.Audio),
            };

            Assert.True(seq == seen[sender], $"sender {sender}: expected #{seen[sender]}, got #{seq}");
            if (frame.Kind == ClientMessageKind.ToolResponse)
            {
                Assert.Equal(seq, frame.FunctionResponses.Single().Output.GetProperty("seq").GetInt32());
            }
            else if (frame.Text.Length == 0)
            {
                Assert.Equal(Audio(sender, seq), frame.Audio); // every byte intact
            }

            seen[sender]++;
        }

        output.WriteLine($"Concurrency: {frames:N0} frames from {Senders} senders (audio, text, tool responses) over loopback in {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(Senders * FramesPerSender, frames);
        Assert.All(seen, count => Assert.Equal(FramesPerSender, count));
        Assert.Empty(emulator.Failures);
    }

    private static byte[] Audio(int sender, int seq)
    {
        byte[] pcm = new byte[640];
        BinaryPrimitives.WriteInt32LittleEndian(pcm, sender);
        BinaryPrimitives.WriteInt32LittleEndian(pcm.AsSpan(4), seq);
        for (int i = 8; i < pcm.Length; i++)
        {
            pcm[i] = (byte)(sender * 31 + seq + i);
        }

        return pcm;
    }

    private static (int Sender, int Seq) ReadAudio(byte[] pcm) =>
        (BinaryPrimitives.ReadInt32LittleEndian(pcm), BinaryPrimitives.ReadInt32LittleEndian(pcm.AsSpan(4)));

    private static (int Sender, int Seq) ParseTag(string tag)
    {
        int dash = tag.IndexOf('-', StringComparison.Ordinal);
        return (int.Parse(tag.AsSpan(1, dash - 1), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(tag.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
