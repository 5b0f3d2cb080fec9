using System.Text.Json.Nodes;
using Live.Extensions.AI;
using Live.Testing;
using Microsoft.Extensions.AI;

namespace Live.Extensions.Tests;

public class RealtimeAdapterTests
{
    [Fact]
    public async Task A_conversation_with_a_tool_call_and_a_cancellation_keeps_audio_flowing_while_the_tool_runs()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AIFunction lookup = AIFunctionFactory.Create(async (string query, CancellationToken cancellationToken) =>
        {
            if (query == "forever")
            {
                started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }
            }

            // Finishes only once the test has seen model audio: a loop that waited for the tool would never get there.
            await release.Task.WaitAsync(cancellationToken);
            return "found " + query;
        }, "lookup", "Looks something up.");

        byte[] pcm = new byte[4800];
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s
            .ExpectClientContent("look up tea")
            .SendToolCall("call-slow", "lookup", new JsonObject { ["query"] = "tea" })
            .SendToolCall("call-forever", "lookup", new JsonObject { ["query"] = "forever" })
            .Send(ServerMessage.Audio(pcm), ServerMessage.Audio(pcm), ServerMessage.Audio(pcm))
            .Delay(TimeSpan.FromMilliseconds(200))
            .SendToolCallCancellation("call-forever")
            .ExpectToolResponse("call-slow")
            .ReplyWith(frame => ServerMessage.TextTurn("Tea: " + frame.ToolResponse("call-slow").Output.GetString())));

        IRealtimeClient realtime = emulator.CreateClient().AsIRealtimeClient(new LiveRealtimeClientOptions { DefaultModel = "gemini-live-2.5-flash-preview" });
        await using IRealtimeClientSession session = await realtime.CreateSessionAsync(new RealtimeSessionOptions
        {
            OutputModalities = ["audio"],
            Instructions = "Be brief.",
            Tools = [lookup],
        });

        await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("look up tea")], role: ChatRole.User)));
        await session.SendAsync(new CreateResponseRealtimeClientMessage());

        var seen = new List<RealtimeServerMessage>();
        int audioWhileToolRan = 0;
        string? finalText = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync(timeout.Token))
        {
            seen.Add(message);
            if (message.Type == RealtimeServerMessageType.OutputAudioDelta && !release.Task.IsCompleted)
            {
                // The slow tool is still waiting for this: audio reaches the caller while a tool runs.
                audioWhileToolRan++;
                if (audioWhileToolRan == 3)
                {
                    release.SetResult();
                }
            }

            if (message.Type == RealtimeServerMessageType.OutputTextDone)
            {
                finalText = ((OutputTextAudioRealtimeServerMessage)message).Text;
            }

            if (message.Type == RealtimeServerMessageType.ResponseDone && finalText is not null)
            {
                break;
            }
        }

        Assert.Equal(3, audioWhileToolRan);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("Tea: found tea", finalText);

        // Both calls were reported (as "added": the adapter ran them), the cancellation came through as raw content.
        var calls = seen.OfType<ResponseOutputItemRealtimeServerMessage>().ToList();
        Assert.Equal(["call-slow", "call-forever"], calls.Select(c => ((FunctionCallContent)c.Item!.Contents[0]).CallId));
        Assert.All(calls, c => Assert.Equal(RealtimeServerMessageType.ResponseOutputItemAdded, c.Type));
        Assert.Contains(seen, m => m.Type == RealtimeServerMessageType.RawContentOnly && m.RawRepresentation is LiveServerMessage { ToolCallCancellation: not null });

        // On the wire: the setup carried the tool, instructions and modality; only the live call got a response.
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal(["lookup"], connection.FunctionNames);
        Assert.Equal(["AUDIO"], connection.ResponseModalities);
        Assert.Contains("Be brief.", connection.Setup.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(connection.Frames, f => f.Kind == ClientMessageKind.ToolResponse && f.FunctionResponses.Any(r => r.Id == "call-forever"));
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task Declaration_only_tools_are_left_to_the_caller_who_answers_with_a_function_result()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s
            .ExpectClientContent("time?")
            .SendToolCall("t1", "get_time")
            .ExpectToolResponse("t1")
            .ReplyWith(frame => ServerMessage.TextTurn("It is " + frame.ToolResponse("t1").Output.GetString())));

        IRealtimeClient realtime = emulator.CreateClient().AsIRealtimeClient();
        AIFunctionDeclaration declaration = AIFunctionFactory.CreateDeclaration("get_time", "Gets the time.", AIJsonUtilities.CreateJsonSchema(null));
        await using IRealtimeClientSession session = await realtime.CreateSessionAsync(new RealtimeSessionOptions
        {
            Model = "gemini-live-2.5-flash-preview",
            OutputModalities = ["text"],
            Tools = [declaration],
        });
        await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("time?")])));
        await session.SendAsync(new CreateResponseRealtimeClientMessage());

        string? text = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync(timeout.Token))
        {
            if (message is ResponseOutputItemRealtimeServerMessage { Item: { } item } output)
            {
                Assert.Equal(RealtimeServerMessageType.ResponseOutputItemDone, output.Type);
                var call = (FunctionCallContent)item.Contents[0];
                await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new FunctionResultContent(call.CallId, "noon")])));
                await session.SendAsync(new CreateResponseRealtimeClientMessage());
            }

            if (message is OutputTextAudioRealtimeServerMessage { Type: var type } done && type == RealtimeServerMessageType.OutputTextDone)
            {
                text = done.Text;
                break;
            }
        }

        Assert.Equal("It is noon", text);
        EmulatorFrame response = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponse("t1"));
        Assert.Equal("get_time", response.ToolResponse("t1").Name);
    }

    [Fact]
    public async Task Setup_changes_after_the_start_are_refused()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        IRealtimeClient realtime = emulator.CreateClient().AsIRealtimeClient(new LiveRealtimeClientOptions { DefaultModel = "gemini-live-2.5-flash-preview" });
        await using IRealtimeClientSession session = await realtime.CreateSessionAsync();

        await Assert.ThrowsAsync<NotSupportedException>(() => session.SendAsync(new SessionUpdateRealtimeClientMessage(new RealtimeSessionOptions { Instructions = "x" })));
        Assert.IsType<AsyncSession>(session.GetService(typeof(AsyncSession)));
    }
}
